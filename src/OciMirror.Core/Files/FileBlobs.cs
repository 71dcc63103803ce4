using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Files
{
    /// <summary>Reading local files for push: hashing them in one streaming pass, opening them for upload.</summary>
    internal static class FileBlobs
    {
        private const int BufferSize = 81920;

        /// <summary>The sha256 descriptor of the file at <paramref name="path"/> with <paramref name="mediaType"/>, read once in 80 KiB pieces.</summary>
        /// <exception cref="OciException">NotFound or IOFailed naming the file.</exception>
        public static async Task<Descriptor> DescribeAsync(string path, string mediaType, CancellationToken cancellationToken)
        {
            using FileStream file = Open(path);
            using var hashing = new HashingStream(file, leaveOpen: true);
            var buffer = new byte[BufferSize];
            try
            {
                while (await hashing.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false) > 0)
                {
                }
            }
            catch (IOException e)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot read '{path}': {e.Message}", e) { Path = path };
            }

            return new Descriptor(mediaType, hashing.Digest, hashing.Count);
        }

        /// <summary>Opens <paramref name="path"/> for an asynchronous sequential read; the caller disposes it.</summary>
        /// <exception cref="OciException">NotFound or IOFailed naming the file.</exception>
        public static FileStream Open(string path)
        {
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous | FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw new OciException(OciErrorKind.NotFound, $"File '{path}' does not exist.", e) { Path = path, RecommendedAction = "Check the path of the file to push." };
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot read '{path}': {e.Message}", e) { Path = path };
            }
        }
    }
}
