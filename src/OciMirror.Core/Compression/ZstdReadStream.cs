using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using SharpCompress.Common;
using SharpCompress.Compressors.ZStandard;

namespace OciMirror.Core.Compression
{
    /// <summary>
    /// Decompresses a zstd stream of any number of frames (ours, zstd, pzstd, Hauler's) with
    /// SharpCompress, reading it through <see cref="ZstdFrameScanner"/> so that every failure names the
    /// frame and its offset: a corrupt frame or a failed content checksum, input that ends inside a
    /// frame, garbage after the last frame. Forward-only, not seekable, not thread-safe.
    /// </summary>
    /// <exception cref="OciException">From reads: InvalidLayout naming the archive, frame and offset (the message says "truncated" when the input ended early).</exception>
    internal sealed class ZstdReadStream : Internal.ForwardReadStream
    {
        private readonly Stream _source;
        private readonly bool _leaveOpen;
        private readonly string? _archiveName;
        private readonly ZstdFrameScanner _scanner;
        private readonly DecompressionStream _decoder;

        /// <param name="compressed">The zstd data, read forward from its current position.</param>
        /// <param name="leaveOpen">False: disposing this stream disposes <paramref name="compressed"/>.</param>
        /// <param name="archiveName">The archive as named in messages; optional.</param>
        public ZstdReadStream(Stream compressed, bool leaveOpen, string? archiveName)
        {
            _source = compressed ?? throw new ArgumentNullException(nameof(compressed));
            _leaveOpen = leaveOpen;
            _archiveName = archiveName;
            _scanner = new ZstdFrameScanner(compressed, archiveName);
            _decoder = new DecompressionStream(_scanner, 0, checkEndOfStream: true, leaveOpen: true);
            _decoder.SetParameter(SharpCompress.Compressors.ZStandard.Unsafe.ZSTD_dParameter.ZSTD_d_windowLogMax, ZstdFormat.MaxWindowLog);
        }

        /// <summary>zstd frames started so far.</summary>
        public int FrameCount => _scanner.FrameCount;

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            try
            {
                return await _decoder.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SharpCompressException || e is InvalidDataException || e is EndOfStreamException)
            {
                throw CompressionErrors.Invalid(_archiveName, $"{_scanner.CurrentFrame} is corrupt: {e.Message}");
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _decoder.Dispose();
                if (!_leaveOpen)
                {
                    _source.Dispose();
                }
            }

            base.Dispose(disposing);
        }
    }
}
