using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Copy
{
    public sealed partial class CopySession
    {
        /// <summary>
        /// Points <paramref name="tag"/> at <paramref name="root"/> in <paramref name="destination"/>, after
        /// a copy of it. A registry stores the manifest again to tag it (PUT by tag), so the tag is written
        /// as a manifest push of this session is: never while the root is written or checked there, nor
        /// while a manifest that refers to it is pushed there, and only once its children may be read
        /// (see <see cref="WriteGate"/>). The manifest is sent with the media type its own bytes declare
        /// (<see cref="ManifestInfo.MediaType"/>). Its bytes come from the session's cache, else from
        /// <paramref name="source"/>; <paramref name="reference"/> only names the artifact in errors.
        /// </summary>
        /// <exception cref="OciException">The manifest cannot be read or parsed (side Source), or the destination refused the tag (side Destination).</exception>
        public async Task TagAsync(IReadOnlyStorage source, Descriptor root, ITarget destination, string tag, string? reference, CancellationToken cancellationToken)
        {
            if (source == null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            if (root == null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            if (destination == null)
            {
                throw new ArgumentNullException(nameof(destination));
            }

            byte[] content = await GetManifestCoreAsync(source, root, reference, ErrorSide.Source, cancellationToken).ConfigureAwait(false);
            ManifestInfo info = Parse(root, content, reference, ErrorSide.Source);
            Descriptor own = AsDeclared(root, info);
            using IDisposable writing = await _gate.EnterAsync(TargetIdentity.Of(destination), root.Digest, info.Children.Select(c => c.Digest), cancellationToken).ConfigureAwait(false);
            await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await destination.TagAsync(own, tag, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                throw CopyErrors.Wrap(e, ErrorSide.Destination, root, reference);
            }
            finally
            {
                _limiter.Release();
            }
        }

        /// <summary><paramref name="node"/> with the media type its parsed bytes declare, when the descriptor said otherwise.</summary>
        private static Descriptor AsDeclared(Descriptor node, ManifestInfo info) =>
            string.Equals(node.MediaType, info.MediaType, StringComparison.Ordinal)
                ? node
                : new Descriptor(info.MediaType, node.Digest, node.Size, node.Annotations, node.Platform, node.ArtifactType, node.Urls);
    }
}
