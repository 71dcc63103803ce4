using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Archive
{
    /// <summary>Reads the whole data of a small tar entry (index.json, oci-layout, a manifest) with a size cap.</summary>
    internal static class TarEntryContent
    {
        /// <summary>
        /// Returns the entry's <see cref="TarEntry.Size"/> bytes. Refuses an entry larger than
        /// <paramref name="maxBytes"/> before reading any of it.
        /// </summary>
        /// <exception cref="OciException">ContentTooLarge naming the entry; InvalidLayout (truncated) from the reader.</exception>
        public static async Task<byte[]> ReadAllAsync(TarEntry entry, string displayName, long maxBytes, string? archiveName, CancellationToken cancellationToken)
        {
            if (entry.Size > maxBytes)
            {
                throw new OciException(OciErrorKind.ContentTooLarge, $"{ArchiveErrors.Subject(archiveName)}: entry '{displayName}' is {entry.Size} bytes, over the {maxBytes}-byte limit for it; refusing to buffer it.")
                {
                    Path = archiveName,
                };
            }

            var buffer = new byte[entry.Size];
            int offset = 0;
            while (offset < buffer.Length)
            {
                int n = await entry.DataStream.ReadAsync(buffer, offset, buffer.Length - offset, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break; // the entry stream throws on truncation; 0 here cannot happen before Size
                }

                offset += n;
            }

            return buffer;
        }
    }
}
