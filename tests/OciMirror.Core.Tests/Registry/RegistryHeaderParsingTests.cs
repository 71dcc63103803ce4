using System;
using System.Net.Http;
using OciMirror.Core.Registry.Auth;
using OciMirror.Core.Registry.Http;
using Xunit;

namespace OciMirror.Core.Tests.Registry
{
    public class RegistryHeaderParsingTests
    {
        [Fact]
        public void Challenge_BearerWithQuotedCommasAndEscapes()
        {
            AuthChallenge? c = AuthChallenge.Parse("Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push\",error=\"in\\\"valid\"");

            Assert.NotNull(c);
            Assert.True(c!.IsBearer);
            Assert.Equal("https://auth.example/token", c.Realm);
            Assert.Equal("registry.example", c.Service);
            Assert.Equal("repository:a/b:pull,push", c.Scope);
            Assert.Equal("in\"valid", c.Parameters["error"]);
        }

        [Fact]
        public void Challenge_BasicAndUnknown()
        {
            Assert.Equal("Basic", AuthChallenge.Parse("basic realm=\"Registry Realm\"")!.Scheme);
            Assert.Null(AuthChallenge.Parse("Negotiate"));
            Assert.Null(AuthChallenge.Parse("Bearer service=\"no realm\""));
        }

        [Fact]
        public void Challenge_FromResponse_PrefersBearer()
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", "Basic realm=\"x\"");
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer realm=\"https://a/token\"");

            Assert.True(AuthChallenge.FromResponse(response)!.IsBearer);
        }

        [Fact]
        public void Scopes_MergeActionsPerResourceInStableOrder()
        {
            var merged = TokenScopes.Merge(new[] { "repository:b/c:push", "repository:a/b:pull", null, "repository:b/c:pull", "registry:catalog:*" });

            Assert.Equal(new[] { "registry:catalog:*", "repository:a/b:pull", "repository:b/c:pull,push" }, merged);
        }

        [Theory]
        [InlineData("</v2/a/tags/list?n=2&last=b>; rel=\"next\"", "http://r/v2/a/tags/list?n=2&last=b")]
        [InlineData("<http://other/v2/a/tags/list?last=z>;rel=next", "http://other/v2/a/tags/list?last=z")]
        [InlineData("</prev>; rel=\"prev\", </next>; rel=\"next\"", "http://r/next")]
        [InlineData("</prev>; rel=\"prev\"", null)]
        public void Link_Next(string header, string? expected)
        {
            var response = new HttpResponseMessage();
            response.Headers.TryAddWithoutValidation("Link", header);

            Assert.Equal(expected, LinkHeader.Next(response, new Uri("http://r/v2/a/tags/list?n=2"))?.AbsoluteUri);
        }

        [Theory]
        [InlineData("<http://[bad>; rel=\"next\"")]
        [InlineData("<file:///etc/passwd>; rel=\"next\"")]
        public void Link_NextThatIsNotAnHttpUrl_IsAProtocolError(string header)
        {
            var response = new HttpResponseMessage();
            response.Headers.TryAddWithoutValidation("Link", header);

            var e = Assert.Throws<OciMirror.Core.Errors.OciException>(() => LinkHeader.Next(response, new Uri("http://r/v2/a/tags/list")));
            Assert.Equal(OciMirror.Core.Errors.OciErrorKind.ProtocolError, e.Kind);
            Assert.Contains("Link", e.Message);
        }

        [Fact]
        public void ErrorBody_UnknownShapesGiveNoEntries()
        {
            Assert.Empty(RegistryErrorMapper.ParseErrors("<html>bad gateway</html>"));
            Assert.Empty(RegistryErrorMapper.ParseErrors("{\"message\":\"x\"}"));
            Assert.Single(RegistryErrorMapper.ParseErrors("{\"errors\":[{\"code\":\"UNSUPPORTED\"}]}"));
        }
    }
}
