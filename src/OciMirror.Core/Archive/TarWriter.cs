using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// Asynchronous writer of a POSIX ustar archive with pax 'x' headers for names that ustar cannot
    /// hold (over 100 bytes or not ASCII) and for sizes of 8 GiB or more. Entries are deterministic:
    /// mode 0644 (directories 0755), uid/gid 0, empty uname/gname, mtime <see cref="ModificationTime"/>.
    /// Data is streamed from the caller's stream in 80 KiB pieces, never buffered whole. Entries are
    /// written in the order the caller asks (the bundle order of DESIGN §4 is the caller's job).
    /// After a failed entry the archive is unusable and later writes throw <see cref="InvalidOperationException"/>.
    /// Not thread-safe.
    /// </summary>
    public sealed class TarWriter : IDisposable
    {
        private const int CopyBufferSize = 81920;
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, true);
        private readonly Stream _output;
        private readonly bool _leaveOpen;
        private byte[]? _buffer;
        private bool _faulted;
        private bool _ended;

        /// <param name="output">Where the archive goes; written sequentially, never seeked.</param>
        /// <param name="leaveOpen">False (default): <see cref="Dispose"/> disposes <paramref name="output"/>.</param>
        public TarWriter(Stream output, bool leaveOpen = false)
        {
            _output = output ?? throw new ArgumentNullException(nameof(output));
            _leaveOpen = leaveOpen;
        }

        /// <summary>The mtime of every entry; default the Unix epoch, so identical content gives identical archives.</summary>
        public DateTimeOffset ModificationTime { get; init; } = DateTimeOffset.FromUnixTimeSeconds(0);

        /// <summary>Bytes written so far.</summary>
        public long Position { get; private set; }

        /// <summary>
        /// Writes a regular file entry: headers, exactly <paramref name="size"/> bytes from
        /// <paramref name="data"/> (read from its current position, not disposed), and the padding.
        /// After <paramref name="size"/> bytes it reads once more and expects the end, so a
        /// <see cref="Content.VerifyingReadStream"/> gets to check its digest before the entry is complete.
        /// </summary>
        /// <exception cref="OciException">DigestMismatch: <paramref name="data"/> holds fewer or more bytes than <paramref name="size"/> (the archive is then unusable).</exception>
        /// <exception cref="ArgumentException">The name is empty, contains NUL, or the size is negative.</exception>
        public Task WriteFileAsync(string name, Stream data, long size, CancellationToken cancellationToken = default) =>
            WriteFileAsync(name, data, size, null, cancellationToken);

        /// <summary>
        /// <see cref="WriteFileAsync(string, Stream, long, CancellationToken)"/> with extra pax records in the
        /// entry's extended header (vendor keywords such as <c>OCIMIRROR.repository</c>; readers that do not
        /// know them ignore them, POSIX.1-2017 pax "extended header keywords").
        /// </summary>
        public async Task WriteFileAsync(string name, Stream data, long size, IReadOnlyDictionary<string, string>? records, CancellationToken cancellationToken = default)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            await RunAsync(async () =>
            {
                await WriteHeadersAsync(name, '0', size, cancellationToken, records).ConfigureAwait(false);
                byte[] buffer = _buffer ??= new byte[CopyBufferSize];
                long remaining = size;
                while (remaining > 0)
                {
                    int n = await data.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, remaining), cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        throw new OciException(OciErrorKind.DigestMismatch, $"Tar entry '{name}': the source ended after {size - remaining} of the {size} bytes declared; the archive being written is incomplete.");
                    }

                    await WriteAsync(buffer, n, cancellationToken).ConfigureAwait(false);
                    remaining -= n;
                }

                if (await data.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false) != 0)
                {
                    throw new OciException(OciErrorKind.DigestMismatch, $"Tar entry '{name}': the source has more than the {size} bytes declared; the archive being written is incomplete.");
                }

                await WritePaddingAsync(size, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        /// <summary>Writes a small file entry from memory (oci-layout, index.json).</summary>
        public Task WriteFileAsync(string name, byte[] content, CancellationToken cancellationToken = default) =>
            WriteFileAsync(name, new MemoryStream(content ?? throw new ArgumentNullException(nameof(content)), false), content.Length, cancellationToken);

        /// <summary>Writes a directory entry (mode 0755); a trailing '/' is added when missing.</summary>
        public Task WriteDirectoryAsync(string name, CancellationToken cancellationToken = default) =>
            RunAsync(() => WriteHeadersAsync(name.EndsWith("/", StringComparison.Ordinal) ? name : name + "/", '5', 0, cancellationToken));

        /// <summary>Writes the end-of-archive marker (two zero blocks) and flushes; later writes throw.</summary>
        public async Task WriteEndAsync(CancellationToken cancellationToken = default)
        {
            await RunAsync(() => WriteAsync(new byte[2 * TarHeader.BlockSize], 2 * TarHeader.BlockSize, cancellationToken)).ConfigureAwait(false);
            _ended = true;
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Disposes the output unless leaveOpen; does not write the end marker (call <see cref="WriteEndAsync"/>).</summary>
        public void Dispose()
        {
            if (!_leaveOpen)
            {
                _output.Dispose();
            }
        }

        /// <summary>Builds the ustar header block for a name that fits (internal for tests of large sizes).</summary>
        internal static byte[] BuildHeader(byte[] name, char type, long size, long mtime)
        {
            var block = new byte[TarHeader.BlockSize];
            Array.Copy(name, block, Math.Min(name.Length, TarHeader.NameLength));
            TarHeader.WriteOctal(block, TarHeader.ModeOffset, 8, type == '5' ? 0x1ED : 0x1A4); // 0755 / 0644
            TarHeader.WriteOctal(block, TarHeader.UidOffset, 8, 0);
            TarHeader.WriteOctal(block, TarHeader.GidOffset, 8, 0);
            TarHeader.WriteSize(block, size);
            TarHeader.WriteOctal(block, TarHeader.MtimeOffset, 12, mtime);
            block[TarHeader.TypeOffset] = (byte)type;
            Encoding.ASCII.GetBytes("ustar\0" + "00", 0, 8, block, TarHeader.MagicOffset);
            TarHeader.WriteOctal(block, TarHeader.DevMajorOffset, 8, 0);
            TarHeader.WriteOctal(block, TarHeader.DevMinorOffset, 8, 0);
            TarHeader.WriteChecksum(block);
            return block;
        }

        private async Task WriteHeadersAsync(string name, char type, long size, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? records = null)
        {
            if (string.IsNullOrEmpty(name) || name.IndexOf('\0') >= 0)
            {
                throw new ArgumentException("A tar entry name must be non-empty and contain no NUL.", nameof(name));
            }

            if (size < 0)
            {
                throw new ArgumentException($"Tar entry '{name}' has a negative size.", nameof(size));
            }

            long mtime = Math.Max(0, Math.Min(ModificationTime.ToUnixTimeSeconds(), TarHeader.MaxOctalSize));
            byte[] nameBytes = Utf8.GetBytes(name);
            bool needsPaxName = nameBytes.Length > TarHeader.NameLength || nameBytes.Length != name.Length;
            if (needsPaxName || size > TarHeader.MaxOctalSize || records?.Count > 0)
            {
                var pax = new MemoryStream();
                if (needsPaxName)
                {
                    PaxRecords.Write(pax, "path", name);
                }

                if (size > TarHeader.MaxOctalSize)
                {
                    PaxRecords.Write(pax, "size", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                foreach (KeyValuePair<string, string> record in records ?? new Dictionary<string, string>())
                {
                    PaxRecords.Write(pax, record.Key, record.Value);
                }

                byte[] paxHeader = BuildHeader(Encoding.ASCII.GetBytes("././@PaxHeader"), 'x', pax.Length, mtime);
                await WriteAsync(paxHeader, paxHeader.Length, cancellationToken).ConfigureAwait(false);
                await WriteAsync(pax.GetBuffer(), (int)pax.Length, cancellationToken).ConfigureAwait(false);
                await WritePaddingAsync(pax.Length, cancellationToken).ConfigureAwait(false);
                nameBytes = AsciiFallback(name); // what a reader without pax support sees
            }

            byte[] header = BuildHeader(nameBytes, type, size, mtime);
            await WriteAsync(header, header.Length, cancellationToken).ConfigureAwait(false);
        }

        private static byte[] AsciiFallback(string name)
        {
            var bytes = new byte[Math.Min(name.Length, TarHeader.NameLength)];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = name[i] < 0x80 ? (byte)name[i] : (byte)'_';
            }

            return bytes;
        }

        private Task WritePaddingAsync(long size, CancellationToken cancellationToken)
        {
            int padding = (int)((TarHeader.BlockSize - (size % TarHeader.BlockSize)) % TarHeader.BlockSize);
            return padding == 0 ? Task.CompletedTask : WriteAsync(new byte[padding], padding, cancellationToken);
        }

        private async Task WriteAsync(byte[] bytes, int count, CancellationToken cancellationToken)
        {
            await _output.WriteAsync(bytes, 0, count, cancellationToken).ConfigureAwait(false);
            Position += count;
        }

        private async Task RunAsync(Func<Task> write)
        {
            if (_faulted || _ended)
            {
                throw new InvalidOperationException(_ended ? "The tar archive is already ended." : "A previous entry failed; the tar archive being written is unusable.");
            }

            try
            {
                await write().ConfigureAwait(false);
            }
            catch (ArgumentException)
            {
                throw; // thrown before anything was written
            }
            catch
            {
                _faulted = true;
                throw;
            }
        }
    }
}
