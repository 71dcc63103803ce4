using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.DockerArchive
{
    /// <summary>
    /// A classic docker save archive that arrives compressed or through a pipe, written to a temporary
    /// .tar so it can be read in place: unlike an OCI layout, its blobs are not named by digest, so it
    /// cannot be imported in one pass. The file is in the system temp directory and deleted on dispose.
    /// </summary>
    internal sealed class TempTarSpool : IDisposable
    {
        private TempTarSpool(string path) => Path = path;

        /// <summary>The temporary .tar.</summary>
        public string Path { get; }

        /// <summary>Copies <paramref name="tar"/> (uncompressed, read to its end) into a new temporary file.</summary>
        /// <exception cref="IOException">The temporary file cannot be written (full disk).</exception>
        public static async Task<TempTarSpool> CreateAsync(Stream tar, CancellationToken cancellationToken)
        {
            var spool = new TempTarSpool(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ocimirror-docker-save-" + Guid.NewGuid().ToString("N") + ".tar"));
            try
            {
                using var file = new FileStream(spool.Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
                await tar.CopyToAsync(file, 81920, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                spool.Dispose();
                throw;
            }

            return spool;
        }

        public void Dispose()
        {
            try
            {
                File.Delete(Path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
            }
        }
    }
}
