using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// Raw-HTTP questions to a secure registry (the oracle: no OciMirror code), trusting exactly the test
    /// server certificate and sending the Authorization header the test chooses.
    /// </summary>
    public static class SecureProbe
    {
        /// <summary>HEAD the manifest with every manifest media type accepted: its Docker-Content-Digest, or null on 404.</summary>
        public static async Task<string?> ManifestDigestAsync(SecureRegistry registry, AuthenticationHeaderValue? authorization, string repository, string reference)
        {
            using var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
            if (registry.Options.Tls is TestPki pki)
            {
                handler.SslOptions.RemoteCertificateValidationCallback = (_, c, _, _) => c != null && new X509Certificate2(c).Thumbprint == pki.ServerCertificate.Thumbprint;
                if (registry.Options.RequireClientCertificate)
                {
                    handler.SslOptions.ClientCertificates = new X509CertificateCollection { pki.ClientCertificate };
                }
            }

            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
            using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(registry.BaseUri, $"v2/{repository}/manifests/{reference}"));
            foreach (string type in Infrastructure.RegistryProbe.FullAccept.Split(", "))
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }

            request.Headers.Authorization = authorization;
            using HttpResponseMessage response = await http.SendAsync(request).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"probe HEAD {repository}:{reference} on {registry}: {(int)response.StatusCode}");
            }

            return response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : null;
        }

        public static AuthenticationHeaderValue Basic(string user, string password) => new AuthenticationHeaderValue("Basic", SecretScan.BasicAuth(user, password));

        public static AuthenticationHeaderValue Bearer(TokenIssuer issuer, string repository) =>
            new AuthenticationHeaderValue("Bearer", issuer.MintToken("probe", "repository:" + repository + ":pull"));
    }
}
