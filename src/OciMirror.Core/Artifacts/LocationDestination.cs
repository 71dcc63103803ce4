using System;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.References;

namespace OciMirror.Core.Artifacts
{
    /// <summary>
    /// An <see cref="ArtifactLocation"/> opened for writing one named root: a registry repository (tagged with
    /// the reference's tag), or a bundle (a layout directory created on first write, or a .tar/.tgz extended and
    /// finished by <see cref="CompleteAsync"/>) named with the location's full reference. Dispose without
    /// completing abandons an archive (it keeps its old content).
    /// </summary>
    internal sealed class LocationDestination : IDisposable
    {
        private readonly ExportDestination? _bundle;
        private readonly string _name;

        private LocationDestination(ArtifactLocation location, ITarget target, ExportDestination? bundle, string name)
        {
            Location = location;
            Target = target;
            _bundle = bundle;
            _name = name;
        }

        public ArtifactLocation Location { get; }

        public ITarget Target { get; }

        /// <summary>The full reference the root gets: <c>registry/repository:tag</c>.</summary>
        public string Display => Location.IsBundle ? Location.BundlePath + " (" + _name + ")" : _name;

        /// <summary>
        /// Checks the name and opens the destination. A registry reference needs a tag (not a digest: the
        /// digest of what is written is not known yet); a bundle needs a full reference with a tag
        /// (<c>oci:DIR:registry/repository:tag</c>), the naming every bundle entry has (DESIGN §4).
        /// </summary>
        /// <exception cref="OciException">InvalidReference for a missing or unusable name; InvalidDestination for an unusable bundle path.</exception>
        public static async Task<LocationDestination> OpenAsync(ArtifactLocation location, IRepositoryProvider registry, ILogSink log, CancellationToken cancellationToken)
        {
            if (!location.IsBundle)
            {
                Reference reference = location.Reference!;
                if (reference.Digest != null)
                {
                    throw new OciException(OciErrorKind.InvalidReference, $"Destination {reference} has a digest; what is written gets a digest of its own.")
                    {
                        Reference = location.Text,
                        RecommendedAction = "Give the destination a tag (registry/repository:tag) instead of a digest.",
                    };
                }

                return new LocationDestination(location, registry.GetRepository(reference), null, reference.Name + ":" + reference.Tag);
            }

            string name = BundleEntryName(location);
            ExportDestination bundle = await ExportDestination.OpenAsync(new ExportRequest { BundlePath = location.BundlePath! }, log, cancellationToken).ConfigureAwait(false);
            return new LocationDestination(location, bundle.Target, bundle, name);
        }

        /// <summary>Names <paramref name="root"/>: the tag in the registry repository, or the bundle entry.</summary>
        /// <exception cref="OciException">Destination errors, with Side Destination.</exception>
        public async Task TagAsync(Descriptor root, CancellationToken cancellationToken)
        {
            try
            {
                await Target.TagAsync(root, Location.IsBundle ? _name : Location.Reference!.Tag!, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                throw CopyErrors.Wrap(e, ErrorSide.Destination, root, Display);
            }
        }

        /// <summary>True when the name already points at <paramref name="root"/>.</summary>
        public async Task<bool> NamesAsync(Descriptor root, CancellationToken cancellationToken)
        {
            try
            {
                Descriptor current = await Target.ResolveAsync(Location.IsBundle ? _name : Location.Reference!.Tag!, cancellationToken).ConfigureAwait(false);
                return current.Digest == root.Digest;
            }
            catch (OciException e) when (e.Kind == OciErrorKind.NotFound || e.Kind == OciErrorKind.AmbiguousReference)
            {
                return false;
            }
        }

        /// <summary>Finishes an archive bundle (index.json, rename, merged with another writer's); nothing to do otherwise. Not cancellable.</summary>
        public Task CompleteAsync() => _bundle?.CompleteAsync(interrupted: false) ?? Task.CompletedTask;

        public void Dispose() => _bundle?.Dispose();

        private static string BundleEntryName(ArtifactLocation location)
        {
            string name = location.BundleName;
            if (name.Length == 0 || !References.Reference.TryParse(name, out Reference? parsed, out _) || parsed!.Digest != null
                || name.Substring(name.LastIndexOf('/') + 1).IndexOf(':') < 0)
            {
                throw new OciException(
                    OciErrorKind.InvalidReference,
                    $"Bundle destination '{location.Text}' needs the name of the entry to write: a full reference with a tag, such as oci:{location.BundlePath}:registry.corp.local/team/app:v1.")
                {
                    Reference = location.Text,
                    RecommendedAction = "Write the bundle destination as oci:PATH:registry/repository:tag; import then pushes it to that repository path under the destination.",
                };
            }

            return parsed.Name + ":" + parsed.Tag;
        }
    }
}
