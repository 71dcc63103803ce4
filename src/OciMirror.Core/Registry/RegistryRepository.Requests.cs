using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.References;
using OciMirror.Core.Registry.Auth;
using OciMirror.Core.Registry.Http;

namespace OciMirror.Core.Registry
{
    public sealed partial class RegistryRepository
    {
        private static Task<OciException> MapAsync(HttpResponseMessage response, RegistryRequest request, CancellationToken cancellationToken) =>
            RegistryErrorMapper.FromResponseAsync(response, request, sentCredentials: false, cancellationToken);

        private static string ResolveTarget(string reference, out Digest? digest)
        {
            digest = null;
            if (Digest.TryParse(reference, out Digest parsed))
            {
                digest = parsed;
                return reference;
            }

            if (reference.IndexOf('/') >= 0 || reference.IndexOf('@') >= 0)
            {
                Reference full = Reference.Parse(reference);
                digest = full.Digest;
                return full.ResolveTarget;
            }

            return reference;
        }

        private string Subject(string tagOrDigest) =>
            ToString() + (Digest.TryParse(tagOrDigest, out _) ? "@" : ":") + tagOrDigest;

        private RegistryRequest ManifestRequest(HttpMethod method, string tagOrDigest, string operation, Digest? digest, string? mediaType = null) =>
            new RegistryRequest(method, RegistryName, _apiHost, $"/v2/{RepositoryName}/manifests/{tagOrDigest}")
            {
                Accept = mediaType == null || MediaTypes.ManifestAccept.Contains(mediaType) ? MediaTypes.ManifestAccept : MediaTypes.ManifestAccept.Concat(new[] { mediaType }).ToArray(),
                Operation = operation,
                Repository = RepositoryName,
                Reference = Subject(tagOrDigest),
                Digest = digest,
                Scopes = new[] { TokenScopes.Repository(RepositoryName, push: method == HttpMethod.Put) },
            };

        private RegistryRequest BlobRequest(HttpMethod method, Digest digest, string operation) =>
            new RegistryRequest(method, RegistryName, _apiHost, $"/v2/{RepositoryName}/blobs/{digest}")
            {
                FollowRedirects = true,
                Operation = operation,
                Repository = RepositoryName,
                Reference = Subject(digest.ToString()),
                Digest = digest,
                Scopes = new[] { TokenScopes.Repository(RepositoryName, push: false) },
            };
    }
}
