using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Registry.Http;

namespace OciMirror.Core.Registry
{
    public sealed partial class RegistryRepository
    {
        /// <summary>
        /// The descriptor from HEAD headers (spec v1.1 "Checking if content exists": Docker-Content-Digest,
        /// Content-Type, Content-Length), or null when one is missing or unusable.
        /// </summary>
        private static Descriptor? Describe(HttpResponseMessage response, Digest? requested)
        {
            string? mediaType = response.Content?.Headers.ContentType?.MediaType;
            long? length = response.Content?.Headers.ContentLength;
            Digest digest = default;
            if (response.Headers.TryGetValues("Docker-Content-Digest", out IEnumerable<string>? values))
            {
                Digest.TryParse(values.FirstOrDefault()?.Trim(), out digest);
            }

            if (digest.IsEmpty && requested.HasValue)
            {
                digest = requested.Value;
            }

            if (digest.IsEmpty || !length.HasValue || !MediaTypes.IsManifestOrIndex(mediaType) || (requested.HasValue && requested.Value != digest))
            {
                return null;
            }

            return new Descriptor(mediaType!, digest, length.Value);
        }

        private async Task<Descriptor> ResolveByGetAsync(string target, Digest? requested, CancellationToken cancellationToken)
        {
            RegistryRequest get = ManifestRequest(HttpMethod.Get, target, "resolve", requested);
            using HttpResponseMessage response = await _transport.SendAsync(get, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await MapAsync(response, get, cancellationToken).ConfigureAwait(false);
            }

            byte[] content = await ReadManifestAsync(response, get, cancellationToken).ConfigureAwait(false);
            Digest announced = default;
            if (response.Headers.TryGetValues("Docker-Content-Digest", out IEnumerable<string>? values))
            {
                Digest.TryParse(values.FirstOrDefault()?.Trim(), out announced);
            }

            // Hash with the algorithm the registry (or the reference) names; sha256 otherwise.
            Digest expected = requested ?? announced;
            Digest actual = expected.IsEmpty ? Digest.Compute(content) : Hash(expected, content);
            if (!expected.IsEmpty && actual != expected)
            {
                throw new OciException(OciErrorKind.DigestMismatch, $"The manifest of {get.Reference} hashes to {actual}, not {expected}.")
                {
                    Registry = RegistryName, Reference = get.Reference, Digest = expected,
                };
            }

            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!MediaTypes.IsManifestOrIndex(mediaType))
            {
                // Some registries answer application/json: the document's mediaType (or shape) decides.
                mediaType = ManifestInfo.Parse(new Descriptor(string.Empty, actual, content.LongLength), content).MediaType;
            }

            _manifests.Add(actual, content);
            return new Descriptor(mediaType ?? string.Empty, actual, content.LongLength);
        }

        /// <summary>Reads a manifest body, refusing more than <see cref="OciLimits.MaxManifestBytes"/>.</summary>
        private async Task<byte[]> ReadManifestAsync(HttpResponseMessage response, RegistryRequest request, CancellationToken cancellationToken)
        {
            long? length = response.Content.Headers.ContentLength;
            if (length > OciLimits.MaxManifestBytes)
            {
                throw TooLarge(request);
            }

            using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > OciLimits.MaxManifestBytes)
                {
                    throw TooLarge(request);
                }
            }

            return buffer.ToArray();
        }

        private OciException TooLarge(RegistryRequest request) =>
            new OciException(OciErrorKind.ContentTooLarge, $"The manifest of {request.Reference} is larger than the {OciLimits.MaxManifestBytes}-byte limit for manifests.")
            {
                Registry = RegistryName, Reference = request.Reference, Digest = request.Digest,
            };

        /// <summary>The digest of <paramref name="content"/> with the algorithm of <paramref name="like"/>.</summary>
        internal static Digest Hash(Digest like, byte[] content)
        {
            using var hasher = like.CreateHasher();
            hasher.AppendData(content);
            return Digest.FromHash(like.Algorithm, hasher.GetHashAndReset());
        }
    }
}
