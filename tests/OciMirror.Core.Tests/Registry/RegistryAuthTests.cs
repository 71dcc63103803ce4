using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Registry;
using OciMirror.Core.Registry.Auth;
using Xunit;
using static OciMirror.Core.Tests.Registry.FakeRegistryHandler;

namespace OciMirror.Core.Tests.Registry
{
    public class RegistryAuthTests
    {
        private const string Secret = "s3cr3t-Pa55";
        private const string Token = "tok-VERY-SECRET-123";
        private static readonly string BasicValue = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + Secret));

        [Fact]
        public async Task Basic_On401_RetriesOnceWithCredentials_ThenAuthenticatesUpFront()
        {
            using var kit = new RegistryTestKit(RegistryTestKit.WithCredential("alice", Secret));
            Descriptor blob = RegistryTestKit.Blob("x");
            kit.Handler.On("HEAD", "/v2/team/app/blobs/" + blob.Digest, r => r.Authorization == BasicValue
                ? Status(200) : Status(401, m => m.Headers.Add("WWW-Authenticate", "Basic realm=\"Registry Realm\"")));

            Assert.True(await kit.Repository().ExistsAsync(blob, CancellationToken.None));
            Assert.True(await kit.Repository().ExistsAsync(blob, CancellationToken.None));

            Assert.Equal(new string?[] { null, BasicValue, BasicValue }, kit.Handler.Requests.Select(r => r.Authorization));
        }

        [Fact]
        public async Task Bearer_ChallengeFetchesTokenWithScope_CachesIt_AndRetriesOnce()
        {
            using var kit = new RegistryTestKit(RegistryTestKit.WithCredential("alice", Secret));
            Descriptor blob = RegistryTestKit.Blob("x");
            string challenge = "Bearer realm=\"http://auth.test/token\",service=\"registry.test\",scope=\"repository:team/app:pull\"";
            kit.Handler.On("HEAD", "/v2/team/app/blobs/" + blob.Digest, r => r.Authorization == "Bearer " + Token
                ? Status(200) : Status(401, m => m.Headers.Add("WWW-Authenticate", challenge)));
            kit.Handler.On("GET", "/token", r => Json(200, "{\"token\":\"" + Token + "\",\"expires_in\":300}"), "auth.test");

            for (int i = 0; i < 3; i++)
            {
                Assert.True(await kit.Repository().ExistsAsync(blob, CancellationToken.None));
            }

            RecordedRequest tokenRequest = Assert.Single(kit.Handler.Requests, r => r.Uri.Host == "auth.test");
            Assert.Equal("registry.test", tokenRequest.Query("service"));
            Assert.Equal("repository:team/app:pull", tokenRequest.Query("scope"));
            Assert.Equal(BasicValue, tokenRequest.Authorization);
            Assert.Equal(4, kit.Handler.Requests.Count(r => r.Uri.Host == "registry.test")); // 401, retry, then two up-front
            Assert.DoesNotContain(Token, kit.Log.All);
            Assert.Contains(kit.Log.Lines, l => l.Level == Diagnostics.LogLevel.Debug && l.Message.Contains("repository:team/app:pull"));
        }

        [Fact]
        public async Task Bearer_PushAsksForPullAndPushScopeOnTheBodylessPost()
        {
            using var kit = new RegistryTestKit();
            byte[] data = Encoding.UTF8.GetBytes("blob");
            Descriptor blob = Descriptor.FromBytes(MediaTypes.OciLayerTar, data);
            kit.Handler.On("POST", "/v2/team/app/blobs/uploads/", r => r.Authorization == null
                ? Status(401, m => m.Headers.Add("WWW-Authenticate", "Bearer realm=\"http://auth.test/token\",service=\"svc\",scope=\"repository:team/app:push,pull\""))
                : Status(202, m => m.Headers.Location = new Uri("/v2/team/app/blobs/uploads/u", UriKind.Relative)));
            kit.Handler.On("GET", "/token", r => Json(200, "{\"access_token\":\"anon-token\"}"), "auth.test");
            kit.Handler.On("PUT", "/v2/team/app/blobs/uploads/u", r => r.Authorization == "Bearer anon-token" ? Status(201) : Status(401));

            await kit.Repository().PushAsync(blob, new System.IO.MemoryStream(data), CancellationToken.None);

            RecordedRequest tokenRequest = kit.Handler.Requests.Single(r => r.Uri.Host == "auth.test");
            Assert.Equal("repository:team/app:pull,push", tokenRequest.Query("scope"));
            Assert.Null(tokenRequest.Authorization); // anonymous token
            Assert.Equal(1, kit.Handler.Count("PUT", "/v2/team/app/blobs/uploads/u"));
        }

        [Fact]
        public async Task RegistryToken_IsSentAsBearerDirectly()
        {
            var options = new RegistryAccessOptions { PlainHttp = true, Credentials = new StaticCredentialProvider(new RegistryCredential(null, null, registryToken: Token)) };
            using var kit = new RegistryTestKit(options);
            kit.Handler.On("GET", "/v2/", r => r.Authorization == "Bearer " + Token ? Status(200) : Status(401));

            await kit.Client.PingAsync(RegistryTestKit.Host, CancellationToken.None);

            Assert.Single(kit.Handler.Requests);
        }

        [Fact]
        public async Task WrongPassword_Basic_IsAuthenticationFailedWithActionAndNoRetryStorm()
        {
            using var kit = new RegistryTestKit(RegistryTestKit.WithCredential("alice", Secret));
            kit.Handler.On("GET", "/v2/team/app/tags/list", r => Status(401, m => m.Headers.Add("WWW-Authenticate", "Basic realm=\"r\"")));

            var first = await Assert.ThrowsAsync<OciException>(() => kit.Repository().ListTagsAsync(CancellationToken.None));
            int afterFirst = kit.Handler.Requests.Count;
            var second = await Assert.ThrowsAsync<OciException>(() => kit.Repository().ListTagsAsync(CancellationToken.None));

            Assert.Equal(OciErrorKind.AuthenticationFailed, first.Kind);
            Assert.Equal(OciErrorKind.AuthenticationFailed, second.Kind);
            Assert.Contains("docker login", first.RecommendedAction);
            Assert.Equal(2, afterFirst);
            Assert.Equal(3, kit.Handler.Requests.Count);
            Assert.Empty(kit.Delays);
            AssertNoSecrets(kit, first, second);
        }

        [Fact]
        public async Task WrongPassword_Bearer_TokenServiceRefusal_IsAuthenticationFailed()
        {
            using var kit = new RegistryTestKit(RegistryTestKit.WithCredential("alice", Secret));
            kit.Handler.On("GET", "/v2/", r => Status(401, m => m.Headers.Add("WWW-Authenticate", "Bearer realm=\"http://auth.test/token\",service=\"svc\"")));
            kit.Handler.On("GET", "/token", r => Error(401, "UNAUTHORIZED", "authentication required"), "auth.test");

            var e = await Assert.ThrowsAsync<OciException>(() => kit.Client.PingAsync(RegistryTestKit.Host, CancellationToken.None));

            Assert.Equal(OciErrorKind.AuthenticationFailed, e.Kind);
            Assert.Equal(RegistryTestKit.Host, e.Registry);
            Assert.NotNull(e.RecommendedAction);
            Assert.Equal(2, kit.Handler.Requests.Count);
            AssertNoSecrets(kit, e);
        }

        [Fact]
        public async Task NoCredentials_BasicChallenge_SaysCredentialsAreRequired()
        {
            using var kit = new RegistryTestKit();
            kit.Handler.On("GET", "/v2/", r => Status(401, m => m.Headers.Add("WWW-Authenticate", "Basic realm=\"r\"")));

            var e = await Assert.ThrowsAsync<OciException>(() => kit.Client.PingAsync(RegistryTestKit.Host, CancellationToken.None));

            Assert.Equal(OciErrorKind.AuthenticationFailed, e.Kind);
            Assert.Contains("requires", e.RecommendedAction);
            Assert.Single(kit.Handler.Requests);
        }

        [Fact]
        public async Task RevokedCachedToken_IsReplacedAfter401AndTheRequestRepeatedOnce()
        {
            using var kit = new RegistryTestKit();
            int issued = 0;
            string accepted = "Bearer t1";
            string challenge = "Bearer realm=\"http://auth.test/token\",service=\"svc\"";
            kit.Handler.On("GET", "/v2/", r => r.Authorization == accepted ? Status(200) : Status(401, m => m.Headers.Add("WWW-Authenticate", challenge)));
            kit.Handler.On("GET", "/token", r => Json(200, "{\"token\":\"t" + Interlocked.Increment(ref issued) + "\",\"expires_in\":3600}"), "auth.test");

            await kit.Client.PingAsync(RegistryTestKit.Host, CancellationToken.None);
            accepted = "Bearer t2"; // the registry no longer accepts the cached t1
            await kit.Client.PingAsync(RegistryTestKit.Host, CancellationToken.None);

            Assert.Equal(2, issued);
            Assert.Equal(new string?[] { null, "Bearer t1", "Bearer t1", "Bearer t2" }, kit.Handler.Requests.Where(r => r.Uri.Host == "registry.test").Select(r => r.Authorization));
        }

        [Fact]
        public async Task TokenRejectedRightAfterIssue_IsAuthenticationFailedAfterOneRetry()
        {
            using var kit = new RegistryTestKit();
            kit.Handler.On("GET", "/v2/", r => Status(401, m => m.Headers.Add("WWW-Authenticate", "Bearer realm=\"http://auth.test/token\"")));
            kit.Handler.On("GET", "/token", r => Json(200, "{\"token\":\"useless\"}"), "auth.test");

            var e = await Assert.ThrowsAsync<OciException>(() => kit.Client.PingAsync(RegistryTestKit.Host, CancellationToken.None));

            Assert.Equal(OciErrorKind.AuthenticationFailed, e.Kind);
            Assert.Equal(3, kit.Handler.Requests.Count);
        }

        internal static void AssertNoSecrets(RegistryTestKit kit, params OciException[] errors)
        {
            string base64 = BasicValue.Substring("Basic ".Length);
            foreach (string text in errors.SelectMany(e => new[] { e.Message, e.RecommendedAction ?? string.Empty, e.ToString() }).Append(kit.Log.All))
            {
                Assert.DoesNotContain(Secret, text);
                Assert.DoesNotContain(base64, text);
                Assert.DoesNotContain(Token, text);
            }
        }
    }
}
