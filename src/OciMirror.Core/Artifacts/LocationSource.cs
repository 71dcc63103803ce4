using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Bundles;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;
using OciMirror.Core.Registry;

namespace OciMirror.Core.Artifacts
{
    /// <summary>
    /// An <see cref="ArtifactLocation"/> opened for reading: a registry repository, a layout directory (read
    /// only) or a .tar indexed in place. A .tgz is refused: it can only be read in one pass, and pulling or
    /// composing needs random access. Dispose releases the bundle.
    /// </summary>
    internal sealed class LocationSource : IDisposable
    {
        private readonly IDisposable? _owned;

        private LocationSource(ArtifactLocation location, IReadOnlyTarget target, IDisposable? owned)
        {
            Location = location;
            Target = target;
            _owned = owned;
        }

        public ArtifactLocation Location { get; }

        public IReadOnlyTarget Target { get; }

        /// <summary>Opens <paramref name="location"/>; registries through <paramref name="registry"/> (not disposed).</summary>
        /// <exception cref="OciException">InvalidLayout: the path is not a readable bundle, or is a .tgz; IOFailed.</exception>
        public static async Task<LocationSource> OpenAsync(ArtifactLocation location, IRepositoryProvider registry, ILogSink log, CancellationToken cancellationToken)
        {
            if (!location.IsBundle)
            {
                return new LocationSource(location, registry.GetRepository(location.Reference!), null);
            }

            string path = location.BundlePath!;
            switch (await BundleInput.DetectPathAsync(path, cancellationToken).ConfigureAwait(false))
            {
                case ArchiveFormat.Tar:
                    return new LocationSource(location, await TarLayoutReader.OpenAsync(path, log, cancellationToken).ConfigureAwait(false), null);
                case ArchiveFormat.TarGzip:
                    throw new OciException(OciErrorKind.InvalidLayout, $"Bundle '{path}' is a gzip-compressed tar, which can only be read in one pass; this needs to read it in place.")
                    {
                        Path = path,
                        RecommendedAction = "Import it into a registry first, or extract it (tar -xzf) into a directory and use that.",
                    };
                default:
                    try
                    {
                        OciLayoutStore store = await OciLayoutStore.OpenAsync(path, LayoutOpenMode.ReadOnly, cancellationToken).ConfigureAwait(false);
                        return new LocationSource(location, store, store);
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
                    {
                        throw new OciException(OciErrorKind.InvalidLayout, $"'{path}' cannot be read as an OCI layout: {e.Message}", e) { Path = path };
                    }
            }
        }

        /// <summary>
        /// Resolves the location: the registry reference (its digest, else its tag), or the bundle name (a full
        /// reference, tag, digest; none = the single root).
        /// </summary>
        /// <exception cref="OciException">NotFound, AmbiguousReference, registry errors; Side is Source.</exception>
        public async Task<Descriptor> ResolveAsync(CancellationToken cancellationToken)
        {
            string name = Location.IsBundle ? Location.BundleName : Location.Reference!.ResolveTarget;
            try
            {
                Descriptor root = await Target.ResolveAsync(name, cancellationToken).ConfigureAwait(false);
                if (!Location.IsBundle && Location.Reference!.Digest is Digest pinned && root.Digest != pinned)
                {
                    throw new OciException(OciErrorKind.DigestMismatch, $"{Location} resolved to {root.Digest}.") { Digest = root.Digest };
                }

                return root;
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                throw CopyErrors.Wrap(e, ErrorSide.Source, null, Location.ToString());
            }
        }

        public void Dispose() => _owned?.Dispose();
    }
}
