using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Copy
{
    /// <summary>
    /// Checking the source when the destination already has the content (<see cref="CopyOptions.VerifySourceContent"/>):
    /// a bundle can be damaged where a registry holds good content, and an import must then fail rather
    /// than tag a graph whose source it never read. Each node of a source is checked once per session
    /// (bytes hashed against digest and declared size; a manifest through the session's verified cache,
    /// then its children); nodes this session pushed were verified while they streamed and are not read again.
    /// </summary>
    public sealed partial class CopySession
    {
        private const int HashBufferSize = 81920;

        private readonly SharedWork<(string Source, Digest Digest), bool> _verified = new SharedWork<(string, Digest), bool>();

        /// <summary>
        /// Checks every node of the graph under <paramref name="root"/> in <paramref name="source"/> against
        /// its descriptor (size and digest), reading each at most once per session; a subject (OCI 1.1
        /// referrers) the source does not hold is not an error here. Nothing is written.
        /// <paramref name="reference"/> only names the artifact in errors.
        /// </summary>
        /// <exception cref="OciException">The first bad, short, long or missing node, side Source.</exception>
        public async Task VerifySourceAsync(IReadOnlyStorage source, Descriptor root, string? reference, CancellationToken cancellationToken)
        {
            if (source == null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            if (root == null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await VerifyNodeAsync(source, TargetIdentity.Of(source), root, isRoot: true, reference, failFast).ConfigureAwait(false);
        }

        /// <summary>With <see cref="CopyOptions.VerifySourceContent"/>, checks <paramref name="node"/> and its subtree in <paramref name="context"/>'s source; else nothing.</summary>
        private async Task VerifySourceNodeAsync(CopyContext context, Descriptor node, bool isRoot, CancellationToken cancellationToken)
        {
            if (Options.VerifySourceContent)
            {
                using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                await VerifyNodeAsync(context.Source, context.SourceKey, node, isRoot, context.Reference, failFast).ConfigureAwait(false);
            }
        }

        /// <summary>Records that the session verified <paramref name="node"/> of <paramref name="context"/>'s source while copying it.</summary>
        private void MarkVerified(CopyContext context, Descriptor node)
        {
            if (Options.VerifySourceContent)
            {
                _verified.TrySeed((context.SourceKey, node.Digest), true);
            }
        }

        private async Task VerifyNodeAsync(IReadOnlyStorage source, string sourceKey, Descriptor node, bool isRoot, string? reference, CancellationTokenSource failFast)
        {
            try
            {
                await _verified.RunAsync(
                    (sourceKey, node.Digest),
                    async token =>
                    {
                        if (!IsManifest(node, isRoot))
                        {
                            await HashSourceBlobAsync(source, node, reference, token).ConfigureAwait(false);
                            return true;
                        }

                        byte[] content = await GetManifestCoreAsync(source, node, reference, ErrorSide.Source, token).ConfigureAwait(false);
                        ManifestInfo info = Parse(node, content, reference, ErrorSide.Source);
                        Task[] children = info.Children.Select(child => VerifyChildAsync(source, sourceKey, child, info, reference, failFast)).ToArray();
                        await AwaitChildrenAsync(children, token).ConfigureAwait(false);
                        return true;
                    },
                    failFast.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                failFast.Cancel();
                throw;
            }
        }

        private async Task VerifyChildAsync(IReadOnlyStorage source, string sourceKey, Descriptor child, ManifestInfo parent, string? reference, CancellationTokenSource failFast)
        {
            try
            {
                await VerifyNodeAsync(source, sourceKey, child, isRoot: false, reference, failFast).ConfigureAwait(false);
            }
            catch (OciException e) when (e.Kind == OciErrorKind.NotFound && parent.Subject != null && parent.Subject.Digest == child.Digest)
            {
                // A referrer's subject may live elsewhere (image-spec v1.1: it need not be in the same bundle).
            }
        }

        /// <summary>Reads <paramref name="node"/> from <paramref name="source"/> to its end and checks size and digest, holding a concurrency slot.</summary>
        private async Task HashSourceBlobAsync(IReadOnlyStorage source, Descriptor node, string? reference, CancellationToken cancellationToken)
        {
            string? problem;
            await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using Stream raw = await source.FetchAsync(node, cancellationToken).ConfigureAwait(false);
                problem = await CheckAsync(raw, node, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                throw CopyErrors.Wrap(e, ErrorSide.Source, node, reference);
            }
            finally
            {
                _limiter.Release();
            }

            if (problem != null)
            {
                throw new OciException(OciErrorKind.DigestMismatch, $"The source's copy of {node.Digest} {problem}, so {reference ?? "the artifact"} is refused although the destination already holds that content: the source is damaged.")
                {
                    Side = ErrorSide.Source,
                    Digest = node.Digest,
                    Reference = reference,
                    RecommendedAction = "Verify the bundle (ocimirror verify, Test-OciBundle) and write it again from its source.",
                };
            }
        }

        /// <summary>Null when <paramref name="raw"/> holds exactly the declared bytes; else what is wrong.</summary>
        private static async Task<string?> CheckAsync(Stream raw, Descriptor node, CancellationToken cancellationToken)
        {
            using System.Security.Cryptography.IncrementalHash hash = node.Digest.CreateHasher();
            var buffer = new byte[(int)Math.Min(HashBufferSize, node.Size + 1)];
            long total = 0;
            int n;
            while ((n = await raw.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, node.Size + 1 - total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += n;
                if (total > node.Size)
                {
                    return $"holds more than the {node.Size} bytes its descriptor declares";
                }

                hash.AppendData(buffer, 0, n);
            }

            if (total < node.Size)
            {
                return $"holds {total} bytes, but its descriptor declares {node.Size}";
            }

            Digest actual = Digest.FromHash(node.Digest.Algorithm, hash.GetHashAndReset());
            return actual == node.Digest ? null : $"hashes to {actual}";
        }
    }
}
