using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Registry.Auth;
using OciMirror.Core.Registry.Http;
using Xunit;

namespace OciMirror.Core.Tests.Registry
{
    public class CredentialLookupSharingTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        [Fact]
        public async Task LookupCancelledByTheCallerThatStartedIt_IsNotInheritedByOtherCallers()
        {
            var provider = new SlowFirstProvider();
            var authenticator = new RegistryAuthenticator(provider, new TokenClient((r, t) => throw new InvalidOperationException("no token requests expected"), NullLogSink.Instance));
            var request = new RegistryRequest(HttpMethod.Head, "registry.test", "registry.test", "/v2/a/blobs/x") { Repository = "a" };
            using var first = new CancellationTokenSource();

            Task<AuthenticationHeaderValue?> a = authenticator.GetAuthorizationAsync(request, first.Token);
            Task<AuthenticationHeaderValue?> b = authenticator.GetAuthorizationAsync(request, CancellationToken.None);
            first.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a.WaitAsync(Timeout));
            Assert.Equal("tok", (await b.WaitAsync(Timeout))?.Parameter);
            Assert.Equal("tok", (await authenticator.GetAuthorizationAsync(request, CancellationToken.None).WaitAsync(Timeout))?.Parameter);
        }

        private sealed class SlowFirstProvider : ICredentialProvider
        {
            private int _calls;

            public async Task<RegistryCredential?> GetCredentialAsync(string registry, CancellationToken cancellationToken)
            {
                if (Interlocked.Increment(ref _calls) == 1)
                {
                    await Task.Delay(System.Threading.Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }

                return new RegistryCredential(null, null, registryToken: "tok");
            }
        }
    }
}
