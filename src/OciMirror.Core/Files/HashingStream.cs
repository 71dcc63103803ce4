using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Model;

namespace OciMirror.Core.Files
{
    /// <summary>
    /// A forward-only pass-through that hashes (sha256) and counts the bytes read from or written to an inner
    /// stream: the uncompressed tar inside a directory layer's gzip, on push and on pull. Disposing it disposes
    /// the inner stream unless <c>leaveOpen</c>. Not thread-safe.
    /// </summary>
    internal sealed class HashingStream : Stream
    {
        private readonly Stream _inner;
        private readonly bool _leaveOpen;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private Digest? _digest;

        public HashingStream(Stream inner, bool leaveOpen)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
            _leaveOpen = leaveOpen;
        }

        /// <summary>Bytes that passed through.</summary>
        public long Count { get; private set; }

        public override bool CanRead => _inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => _inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => Count;
            set => throw new NotSupportedException();
        }

        /// <summary>The sha256 digest of the bytes so far; after the first call no more bytes may pass.</summary>
        public Digest Digest => _digest ??= Digest.FromHash("sha256", _hash.GetHashAndReset());

        public override int Read(byte[] buffer, int offset, int count) => Account(buffer, offset, _inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Account(buffer, offset, await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

        public override void Write(byte[] buffer, int offset, int count)
        {
            _inner.Write(buffer, offset, count);
            Account(buffer, offset, count);
        }

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await _inner.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            Account(buffer, offset, count);
        }

        public override void Flush() => _inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                if (!_leaveOpen)
                {
                    _inner.Dispose();
                }

                _hash.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Account(byte[] buffer, int offset, int count)
        {
            if (count > 0)
            {
                if (_digest != null)
                {
                    throw new InvalidOperationException("The digest was already taken.");
                }

                _hash.AppendData(buffer, offset, count);
                Count += count;
            }

            return count;
        }
    }
}
