using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Model;

namespace OciMirror.Core.Files
{
    /// <summary>
    /// Writes one file layer: streamed through digest verification into a temporary file next to the target, then
    /// renamed over it, so a failed or corrupt download never leaves a half-written file under the real name.
    /// </summary>
    internal static class FileLayerWriter
    {
        /// <summary>True when <paramref name="target"/> already holds exactly <paramref name="layer"/>'s bytes (hashed, never trusted by size alone).</summary>
        public static async Task<bool> IsCurrentAsync(string target, Descriptor layer, CancellationToken cancellationToken)
        {
            var info = new FileInfo(target);
            if (!info.Exists || info.Length != layer.Size || layer.Digest.Algorithm != "sha256")
            {
                return false;
            }

            Descriptor local = await FileBlobs.DescribeAsync(target, layer.MediaType, cancellationToken).ConfigureAwait(false);
            return local.Digest == layer.Digest;
        }

        /// <summary>Writes <paramref name="blob"/> (disposed here) to <paramref name="target"/>, whose directory exists.</summary>
        /// <exception cref="Errors.OciException">DigestMismatch (nothing is left behind); IOFailed.</exception>
        public static async Task WriteAsync(Stream blob, Descriptor layer, string target, string title, CancellationToken cancellationToken)
        {
            string temporary = target + ".ocimirror-" + Guid.NewGuid().ToString("N").Substring(0, 12) + ".part";
            try
            {
                using (var verified = new VerifyingReadStream(blob, layer) { Subject = $"file '{title}'" })
                using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                {
                    await verified.CopyToAsync(file, 81920, cancellationToken).ConfigureAwait(false);
                }

                StagedTree.Replace(temporary, target);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }
    }
}
