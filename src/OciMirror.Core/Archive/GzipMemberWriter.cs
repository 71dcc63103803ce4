using System;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Model;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// A write-only stream that gzips what it is given as a sequence of independent gzip members, one
    /// per <see cref="StartMemberAsync"/> (RFC 1952 §2.2: a gzip file is a series of members; gzip,
    /// tar -z and .NET Core 3.0+ GZipStream read all of them). A tgz writer puts each tar entry in its
    /// own member, choosing <see cref="LevelFor"/>: stored for blobs that are already compressed, fastest
    /// otherwise (DESIGN §4). Compression runs into a memory buffer that is drained to the output with
    /// asynchronous writes after every call, so memory is bounded by one write plus the deflater state.
    /// Not thread-safe. Call <see cref="CompleteAsync"/> before <see cref="Stream.Dispose()"/>; Dispose
    /// alone finishes an open member with a synchronous write.
    /// </summary>
    public sealed class GzipMemberWriter : Stream, Compression.IFramedWriter
    {
        private readonly Stream _output;
        private readonly bool _leaveOpen;
        private readonly MemoryStream _sink = new MemoryStream();
        private GZipStream? _member;
        private long _written;

        /// <param name="output">Receives the compressed bytes, written sequentially.</param>
        /// <param name="leaveOpen">False (default): disposing this writer disposes <paramref name="output"/>.</param>
        public GzipMemberWriter(Stream output, bool leaveOpen = false)
        {
            _output = output ?? throw new ArgumentNullException(nameof(output));
            _leaveOpen = leaveOpen;
        }

        /// <summary>Members started so far. A member nothing was written to produces no bytes at all on .NET (harmless: a tar entry always has a header).</summary>
        public int MemberCount { get; private set; }

        /// <summary>Compressed bytes written to the output so far.</summary>
        public long CompressedBytes => _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        /// <summary>
        /// <see cref="CompressionLevel.NoCompression"/> for media types that are already compressed
        /// (<see cref="MediaTypes.IsCompressed"/>): deflating gzip again gains nothing and runs 25× slower
        /// than the disk; <see cref="CompressionLevel.Fastest"/> for JSON and uncompressed layers.
        /// </summary>
        public static CompressionLevel LevelFor(string? mediaType) =>
            MediaTypes.IsCompressed(mediaType) ? CompressionLevel.NoCompression : CompressionLevel.Fastest;

        /// <summary>Finishes the current member (if any) and starts a new one at <paramref name="level"/>.</summary>
        public async Task StartMemberAsync(CompressionLevel level, CancellationToken cancellationToken = default)
        {
            await EndMemberAsync(cancellationToken).ConfigureAwait(false);
            _member = new GZipStream(_sink, level, leaveOpen: true);
            MemberCount++;
        }

        /// <summary>Finishes the current member (writes its trailer); no-op when none is open.</summary>
        public async Task EndMemberAsync(CancellationToken cancellationToken = default)
        {
            if (_member != null)
            {
                _member.Dispose(); // writes the final deflate block and the CRC-32/ISIZE trailer into the sink
                _member = null;
                await DrainAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        Task Compression.IFramedWriter.StartFrameAsync(CompressionLevel level, CancellationToken cancellationToken) => StartMemberAsync(level, cancellationToken);

        Task Compression.IFramedWriter.EndFrameAsync(CancellationToken cancellationToken) => EndMemberAsync(cancellationToken);

        /// <summary>Finishes the current member and flushes the output. The output is not disposed.</summary>
        public async Task CompleteAsync(CancellationToken cancellationToken = default)
        {
            await EndMemberAsync(cancellationToken).ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Compresses into the current member, starting a <see cref="CompressionLevel.Fastest"/> one if none is open.</summary>
        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_member == null)
            {
                await StartMemberAsync(CompressionLevel.Fastest, cancellationToken).ConfigureAwait(false);
            }

            _member!.Write(buffer, offset, count); // CPU only: the member writes into the memory sink
            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        /// <summary>Flushes what is compressed so far to the output (does not end the member).</summary>
        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await DrainAsync(cancellationToken).ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                if (_member != null)
                {
                    _member.Dispose();
                    _member = null;
                    _output.Write(_sink.GetBuffer(), 0, (int)_sink.Length);
                    _sink.SetLength(0);
                }

                if (!_leaveOpen)
                {
                    _output.Dispose();
                }
            }

            base.Dispose(disposing);
        }

        private async Task DrainAsync(CancellationToken cancellationToken)
        {
            if (_sink.Length > 0)
            {
                int count = (int)_sink.Length;
                await _output.WriteAsync(_sink.GetBuffer(), 0, count, cancellationToken).ConfigureAwait(false);
                _written += count;
                _sink.SetLength(0);
            }
        }
    }
}
