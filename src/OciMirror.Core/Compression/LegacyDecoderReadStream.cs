using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using SharpCompress.Common;
using SharpCompress.Compressors;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;

namespace OciMirror.Core.Compression
{
    /// <summary>
    /// Reads a tar compressed with xz or bzip2, formats other tools write and OciMirror only reads, with
    /// SharpCompress's decoders. Their failures become <see cref="OciErrorKind.InvalidLayout"/> naming
    /// the archive and the compressed offset reached; a decoder that ends before its input did, or input
    /// that ends before the decoder's end-of-stream marker, is refused too. Forward-only, not thread-safe.
    /// </summary>
    /// <exception cref="OciException">From reads: InvalidLayout naming the archive and offset ("truncated" when the input ended early).</exception>
    internal sealed class LegacyDecoderReadStream : Internal.ForwardReadStream
    {
        private readonly Stream _source;
        private readonly bool _leaveOpen;
        private readonly string? _archiveName;
        private readonly string _format;
        private readonly CountingReadStream _counter;
        private Stream? _decoder;
        private bool _done;

        private LegacyDecoderReadStream(Stream compressed, bool leaveOpen, string? archiveName, string format)
        {
            _source = compressed ?? throw new ArgumentNullException(nameof(compressed));
            _leaveOpen = leaveOpen;
            _archiveName = archiveName;
            _format = format;
            _counter = new CountingReadStream(compressed);
        }

        /// <summary>An xz reader (every stream of a multi-stream file, as xz -d reads it).</summary>
        public static LegacyDecoderReadStream Xz(Stream compressed, bool leaveOpen, string? archiveName) =>
            new LegacyDecoderReadStream(compressed, leaveOpen, archiveName, "xz");

        /// <summary>A bzip2 reader (concatenated streams included, as pbzip2 writes them).</summary>
        public static LegacyDecoderReadStream Bzip2(Stream compressed, bool leaveOpen, string? archiveName) =>
            new LegacyDecoderReadStream(compressed, leaveOpen, archiveName, "bzip2");

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_done || count == 0)
            {
                return 0;
            }

            int n;
            try
            {
                _decoder ??= _format == "xz"
                    ? new XZStream(_counter)
                    : BZip2Stream.Create(_counter, CompressionMode.Decompress, decompressConcatenated: true, leaveOpen: true, tolerateTruncatedStream: false);
                n = await _decoder.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SharpCompressException || e is InvalidDataException || e is EndOfStreamException || e is InvalidOperationException || e is IndexOutOfRangeException || e is ArgumentException)
            {
                throw _counter.EndReached
                    ? CompressionErrors.Truncated(_archiveName, $"its {_format} data ends early (after {_counter.BytesRead} bytes): {e.Message}")
                    : CompressionErrors.Invalid(_archiveName, $"its {_format} data is corrupt near offset {_counter.BytesRead}: {e.Message}");
            }

            if (n == 0)
            {
                _done = true;
                await CheckEndAsync(cancellationToken).ConfigureAwait(false);
            }

            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _decoder?.Dispose();
                if (!_leaveOpen)
                {
                    _source.Dispose();
                }
            }

            base.Dispose(disposing);
        }

        /// <summary>The decoder said "end": the input must have ended too (else it stopped at a cut it did not notice, or garbage follows).</summary>
        private async Task CheckEndAsync(CancellationToken cancellationToken)
        {
            var probe = new byte[1];
            if (!_counter.EndReached && await _counter.ReadAsync(probe, 0, 1, cancellationToken).ConfigureAwait(false) > 0)
            {
                throw CompressionErrors.Invalid(_archiveName, $"unexpected data at offset {_counter.BytesRead - 1} after the end of its {_format} data.");
            }
        }
    }
}
