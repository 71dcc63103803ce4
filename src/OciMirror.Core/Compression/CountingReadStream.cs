using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Compression
{
    /// <summary>
    /// A forward-only pass-through that counts the bytes read and whether the input has ended, so a
    /// decoder's failure can be placed ("near offset X") and a decoder that stops quietly at a cut can
    /// be caught. Never disposes the source.
    /// </summary>
    internal sealed class CountingReadStream : Internal.ForwardReadStream
    {
        private readonly Stream _source;

        public CountingReadStream(Stream source) => _source = source ?? throw new ArgumentNullException(nameof(source));

        /// <summary>Bytes read so far.</summary>
        public long BytesRead { get; private set; }

        /// <summary>True once a read returned 0.</summary>
        public bool EndReached { get; private set; }

        /// <summary>The bytes read so far (SharpCompress's xz reader asks for it).</summary>
        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await _source.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false), count);

        public override int Read(byte[] buffer, int offset, int count) => Count(_source.Read(buffer, offset, count), count);

        private int Count(int n, int asked)
        {
            BytesRead += n;
            if (n == 0 && asked > 0)
            {
                EndReached = true;
            }

            return n;
        }
    }
}
