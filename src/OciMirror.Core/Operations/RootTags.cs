using System;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.References;

namespace OciMirror.Core.Operations
{
    /// <summary>Resolving a source reference to its root, and checking and setting the destination tag: the same for export, import, copy and sync.</summary>
    internal static class RootTags
    {
        /// <summary>The root <paramref name="reference"/> names in <paramref name="repository"/> (by digest when it has one).</summary>
        /// <exception cref="OciException">Side Source: the registry's answer; DigestMismatch when a digest reference resolves to another digest.</exception>
        public static async Task<Descriptor> ResolveAsync(ITarget repository, Reference reference, CancellationToken cancellationToken)
        {
            Descriptor root;
            try
            {
                root = await repository.ResolveAsync(reference.ResolveTarget, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                throw CopyErrors.Wrap(e, ErrorSide.Source, null, reference.ToString());
            }

            if (reference.Digest != null && root.Digest != reference.Digest.Value)
            {
                throw new OciException(OciErrorKind.DigestMismatch, $"{reference} resolved to {root.Digest}.") { Side = ErrorSide.Source, Digest = root.Digest, Reference = reference.ToString() };
            }

            return root;
        }

        /// <summary>True when <paramref name="tag"/> exists in <paramref name="repository"/> and points at <paramref name="root"/>.</summary>
        /// <exception cref="OciException">The destination failed otherwise than NotFound (Side Destination).</exception>
        public static async Task<bool> PointsAtAsync(ITarget repository, string tag, Descriptor root, string display, CancellationToken cancellationToken)
        {
            try
            {
                return (await repository.ResolveAsync(tag, cancellationToken).ConfigureAwait(false)).Digest == root.Digest;
            }
            catch (OciException e) when (e.Kind == OciErrorKind.NotFound)
            {
                return false;
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                throw CopyErrors.Wrap(e, ErrorSide.Destination, root, display);
            }
        }

        /// <summary>Points <paramref name="tag"/> at <paramref name="root"/>; call it only once the whole graph is in.</summary>
        /// <exception cref="OciException">Side Destination, naming <paramref name="display"/>.</exception>
        public static async Task TagAsync(ITarget repository, Descriptor root, string tag, string display, CancellationToken cancellationToken)
        {
            try
            {
                await repository.TagAsync(root, tag, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                throw CopyErrors.Wrap(e, ErrorSide.Destination, root, display);
            }
        }
    }
}
