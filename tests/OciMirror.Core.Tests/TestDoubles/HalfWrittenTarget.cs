using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Tests.TestDoubles
{
    /// <summary>
    /// A destination that validates manifests like the distribution registry (a manifest push whose child
    /// is not stored fails with MANIFEST_BLOB_UNKNOWN, or MANIFEST_UNKNOWN for a child manifest) and can
    /// lose content while still reporting it present (a half-written registry, or one whose garbage
    /// collector removed blobs). Stores into <see cref="Inner"/>, which counts pushes.
    /// </summary>
    public sealed class HalfWrittenTarget : IStorage
    {
        private readonly ConcurrentDictionary<Digest, byte> _lost = new ConcurrentDictionary<Digest, byte>();

        public MemoryTarget Inner { get; } = new MemoryTarget();

        /// <summary>Push attempts per digest, refused ones included.</summary>
        public ConcurrentDictionary<Digest, int> PushAttempts { get; } = new ConcurrentDictionary<Digest, int>();

        /// <summary>Returns an error to throw instead of storing a push (checked before validation), or null.</summary>
        public Func<Descriptor, OciException?>? Refuse { get; set; }

        /// <summary>Awaited after a manifest push was refused for a missing child, just before the error is thrown.</summary>
        public Func<Descriptor, Task>? Refused { get; set; }

        /// <summary>Reports <paramref name="descriptor"/> present (Exists true) although it is not stored, until it is pushed.</summary>
        public void Lose(params Descriptor[] descriptors)
        {
            foreach (Descriptor d in descriptors)
            {
                _lost[d.Digest] = 0;
            }
        }

        public Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken) => Inner.FetchAsync(target, cancellationToken);

        public Task<bool> ExistsAsync(Descriptor target, CancellationToken cancellationToken) =>
            _lost.ContainsKey(target.Digest) ? Task.FromResult(true) : Inner.ExistsAsync(target, cancellationToken);

        public async Task PushAsync(Descriptor expected, Stream content, CancellationToken cancellationToken)
        {
            AccessCounts.Add(PushAttempts, expected.Digest);
            OciException? refusal = Refuse?.Invoke(expected);
            if (refusal != null)
            {
                throw refusal;
            }

            if (MediaTypes.IsManifestOrIndex(expected.MediaType))
            {
                var buffer = new MemoryStream();
                await content.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
                foreach (Descriptor child in ManifestInfo.Parse(expected, buffer.ToArray()).Children)
                {
                    if (!Inner.Has(child.Digest))
                    {
                        if (Refused != null)
                        {
                            await Refused(expected).ConfigureAwait(false);
                        }

                        throw Unknown(MediaTypes.IsManifestOrIndex(child.MediaType) ? "MANIFEST_UNKNOWN" : "MANIFEST_BLOB_UNKNOWN", expected, child);
                    }
                }

                buffer.Position = 0;
                content = buffer;
            }

            await Inner.PushAsync(expected, content, cancellationToken).ConfigureAwait(false);
            _lost.TryRemove(expected.Digest, out _);
        }

        /// <summary>The error a registry answers for a push, as the transport maps it (no Side: the engine sets it).</summary>
        public static OciException Error(int status, string code, Descriptor node, string? detail = null) =>
            new OciException(status == 403 ? OciErrorKind.PermissionDenied : status == 404 ? OciErrorKind.NotFound : OciErrorKind.ProtocolError, $"Cannot push manifest {node.Digest}: registry test.invalid answered {status} ({code}{detail}).")
            {
                Registry = "test.invalid",
                StatusCode = status,
                RegistryErrorCodes = new[] { code },
                Digest = node.Digest,
            };

        private static OciException Unknown(string code, Descriptor manifest, Descriptor child) =>
            Error(code == "MANIFEST_UNKNOWN" ? 404 : 400, code, manifest, ": " + child.Digest);
    }
}
