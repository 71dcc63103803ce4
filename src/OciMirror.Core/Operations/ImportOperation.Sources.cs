using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Bundles;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.DockerArchive;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.References;

namespace OciMirror.Core.Operations
{
    public sealed partial class ImportOperation
    {
        /// <summary>The repository name used for staging when <see cref="ImportRequest.StagingRepository"/> is not set.</summary>
        public const string DefaultStagingRepositoryName = "ocimirror-staging";

        /// <summary>The bundle as named in messages: the path, or "stdin" for a stream without a name.</summary>
        private string BundleName => string.IsNullOrWhiteSpace(Request.BundlePath) ? "stdin" : Request.BundlePath;

        /// <summary>
        /// The staging repository of a one-pass import on <paramref name="destination"/>'s registry:
        /// <paramref name="configured"/> when set, else <c>&lt;prefix&gt;/ocimirror-staging</c> or <c>ocimirror-staging</c>.
        /// </summary>
        /// <exception cref="OciException">InvalidReference when the configured name is not a repository path.</exception>
        internal static Reference StagingRepositoryFor(RegistryDestination destination, string? configured)
        {
            string path = string.IsNullOrWhiteSpace(configured)
                ? (destination.Prefix == null ? DefaultStagingRepositoryName : destination.Prefix + "/" + DefaultStagingRepositoryName)
                : configured!.Trim().Trim('/');
            try
            {
                return Reference.ParseRepository(destination.Registry + "/" + path);
            }
            catch (OciException e)
            {
                throw new OciException(OciErrorKind.InvalidReference, $"Invalid staging repository '{configured}': {e.Message}", e) { Reference = configured };
            }
        }

        /// <summary>Dispatches on what the request names: a stream, a directory, a .tar, a .tgz (by content).</summary>
        private async Task<OperationSummary> RunFromRequestAsync(IRepositoryProvider provider, RegistryDestination destination, IOperationObserver observer, CancellationToken cancellationToken)
        {
            if (Request.InputStream != null)
            {
                return await ImportStreamAsync(Request.InputStream, provider, destination, observer, cancellationToken).ConfigureAwait(false);
            }

            string path = Request.BundlePath;
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new OciException(OciErrorKind.InvalidLayout, "No bundle path was given.") { RecommendedAction = "Give the bundle directory, .tar or .tgz to import." };
            }

            switch (await BundleInput.DetectPathAsync(path, cancellationToken).ConfigureAwait(false))
            {
                case ArchiveFormat.Tar when await IsClassicDockerSaveAsync(path, cancellationToken).ConfigureAwait(false):
                    DockerSaveReader classic = await DockerSaveReader.OpenAsync(path, observer, cancellationToken).ConfigureAwait(false);
                    return await RunCoreAsync(classic, classic, provider, destination, observer, null, cancellationToken).ConfigureAwait(false);
                case ArchiveFormat.Tar:
                    TarLayoutReader tar = await TarLayoutReader.OpenAsync(path, observer, cancellationToken).ConfigureAwait(false);
                    return await RunCoreAsync(tar, tar, provider, destination, observer, null, cancellationToken).ConfigureAwait(false);
                case ArchiveFormat.TarGzip:
                case ArchiveFormat.TarZstd:
                case ArchiveFormat.TarXz:
                case ArchiveFormat.TarBzip2:
                    using (var file = OpenFile(path))
                    {
                        try
                        {
                            return await ImportStreamAsync(file, provider, destination, observer, cancellationToken).ConfigureAwait(false);
                        }
                        catch (OciException e) when (e.Kind == OciErrorKind.InvalidLayout)
                        {
                            throw Volumes.ArchiveFile.Locate(file, e);
                        }
                    }

                default:
                    using (OciLayoutStore layout = await OpenLayoutAsync(path, cancellationToken).ConfigureAwait(false))
                    {
                        return await RunCoreAsync(layout, layout, provider, destination, observer, null, cancellationToken).ConfigureAwait(false);
                    }
            }
        }

        /// <summary>
        /// One pass over a tar or tgz stream: blobs are verified and uploaded as they stream (after one
        /// ShouldProcess for the uploads; declined, they are only verified) into the repository their entry
        /// says they were exported for, else the staging repository (<see cref="BlobPlacement"/>), then each
        /// entry is checked for completeness and imported from those repositories and memory, tagged last.
        /// </summary>
        private async Task<OperationSummary> ImportStreamAsync(Stream rawInput, IRepositoryProvider provider, RegistryDestination destination, IOperationObserver observer, CancellationToken cancellationToken)
        {
            using var input = new PeekableReadStream(rawInput, leaveOpen: true);
            if (await DockerSaveDetection.IsClassicAsync(input, cancellationToken).ConfigureAwait(false))
            {
                return await ImportClassicDockerSaveAsync(input, provider, destination, observer, cancellationToken).ConfigureAwait(false);
            }

            Reference stagingReference = StagingRepositoryFor(destination, Request.StagingRepository);
            var staging = new StagingTarget(provider.GetRepository(stagingReference), stagingReference.Registry, stagingReference.Repository);
            bool stage = await observer.ShouldProcessAsync(
                destination.ToString(),
                $"Upload the blobs of {BundleName} as they stream, untagged, into the repositories the archive names for them or else into staging repository {stagingReference.Name} (the registry's garbage collector reclaims blobs no tag refers to)",
                cancellationToken).ConfigureAwait(false);
            var reading = new OperationProgress(observer, $"Reading {BundleName}", 0);
            StagedBundle bundle;
            try
            {
                using Stream tar = await BundleInput.OpenTarStreamAsync(input, BundleName, cancellationToken).ConfigureAwait(false);
                Func<BundleScan, BlobPlacement>? placement = stage
                    ? scan => new BlobPlacement(scan, staging, origin => DirectTarget(origin, provider, destination), Request.StagingLimit)
                    : (Func<BundleScan, BlobPlacement>?)null;
                bundle = await StreamImport.ReadAsync(tar, BundleName, placement, observer, reading.AddBytes, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                reading.Complete();
            }

            if (bundle.StagingUsed != null)
            {
                observer.Log(LogLevel.Warning, $"Blobs of {BundleName} that do not say which repository they are for were uploaded to staging repository {bundle.StagingUsed} (untagged: the registry's garbage collector reclaims them once no manifest there refers to them).");
            }

            return await RunCoreAsync(bundle, bundle, provider, destination, observer, bundle, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The destination repository of a blob the archive says was exported for <paramref name="origin"/>
        /// (mapped like its entries), or null when this import may not write there: the references asked
        /// for name other repositories, or the name does not map.
        /// </summary>
        private StagingTarget? DirectTarget(string origin, IRepositoryProvider provider, RegistryDestination destination)
        {
            try
            {
                Reference source = Reference.ParseRepository(origin);
                if (!BundleSelection.MayName(Request.References, source))
                {
                    return null;
                }

                Reference target = destination.Map(source, Request.Scoped);
                return new StagingTarget(provider.GetRepository(target), target.Registry, target.Repository);
            }
            catch (OciException)
            {
                return null;
            }
        }

        private static Stream OpenFile(string path)
        {
            try
            {
                return Volumes.ArchiveFile.OpenRead(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot read '{path}': {e.Message}", e) { Path = path };
            }
        }

        private static async Task<OciLayoutStore> OpenLayoutAsync(string path, CancellationToken cancellationToken)
        {
            try
            {
                return await OciLayoutStore.OpenAsync(path, LayoutOpenMode.ReadOnly, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                throw new OciException(OciErrorKind.InvalidLayout, $"'{path}' cannot be read as an OCI layout: {e.Message}", e) { Path = path };
            }
        }
    }
}
