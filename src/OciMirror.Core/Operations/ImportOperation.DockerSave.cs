using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Bundles;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.DockerArchive;
using OciMirror.Core.Errors;
using OciMirror.Core.Content;
using OciMirror.Core.References;

namespace OciMirror.Core.Operations
{
    public sealed partial class ImportOperation
    {
        /// <summary>True when the .tar file (or split set) at <paramref name="path"/> is a classic docker save archive.</summary>
        private static async Task<bool> IsClassicDockerSaveAsync(string path, CancellationToken cancellationToken)
        {
            try
            {
                using Stream file = Volumes.ArchiveFile.OpenRead(path);
                return await DockerSaveDetection.IsClassicAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot read '{path}': {e.Message}", e) { Path = path };
            }
        }

        /// <summary>
        /// A classic docker save archive that came compressed or through a pipe: its blobs are not named by
        /// digest, so it is decompressed into a temporary .tar (deleted afterwards) and imported from there
        /// in place, with the manifests <see cref="DockerSaveReader"/> builds.
        /// </summary>
        private async Task<OperationSummary> ImportClassicDockerSaveAsync(PeekableReadStream input, IRepositoryProvider provider, RegistryDestination destination, IOperationObserver observer, CancellationToken cancellationToken)
        {
            observer.Log(LogLevel.Verbose, $"'{BundleName}' is a classic docker save archive: copying it to a temporary .tar to read it in place.");
            using Stream tar = await BundleInput.OpenTarStreamAsync(input, BundleName, cancellationToken).ConfigureAwait(false);
            TempTarSpool spool;
            try
            {
                spool = await TempTarSpool.CreateAsync(tar, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot copy the docker save archive '{BundleName}' to a temporary file in '{Path.GetTempPath()}': {e.Message}", e)
                {
                    Path = BundleName,
                    RecommendedAction = "Free space in the temporary directory (TMPDIR, TEMP), or save the archive as an uncompressed .tar file and import that.",
                };
            }

            using (spool)
            {
                DockerSaveReader reader = await DockerSaveReader.OpenAsync(spool.Path, new RenamingLog(observer, spool.Path, BundleName), cancellationToken).ConfigureAwait(false);
                return await RunCoreAsync(reader, reader, provider, destination, observer, null, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Shows the user's name for the archive instead of the temporary copy's.</summary>
        private sealed class RenamingLog : ILogSink
        {
            private readonly ILogSink _inner;
            private readonly string _from;
            private readonly string _to;

            public RenamingLog(ILogSink inner, string from, string to)
            {
                _inner = inner;
                _from = from;
                _to = to;
            }

            public void Log(LogLevel level, string message) => _inner.Log(level, message.Replace(_from, _to));
        }
    }
}
