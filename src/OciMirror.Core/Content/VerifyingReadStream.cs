using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Content
{
    /// <summary>
    /// A read-only, forward-only window over <c>descriptor.Size</c> bytes of an inner stream that hashes
    /// what passes through. It throws <see cref="OciException"/> (DigestMismatch) when the inner stream
    /// ends early, has more bytes than declared, or the bytes do not hash to the descriptor's digest, so a
    /// consumer that reads to the end has seen verified content or an exception, never silent corruption.
    /// Disposing it disposes the inner stream.
    /// </summary>
    public sealed class VerifyingReadStream : Stream, IVerifiedContent
    {
        private readonly Stream _inner;
        private readonly Descriptor _descriptor;
        private readonly IncrementalHash _hash;
        private long _read;
        private bool _verified;

        public VerifyingReadStream(Stream inner, Descriptor descriptor)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
            _descriptor = descriptor ?? throw new ArgumentNullException(nameof(descriptor));
            _hash = descriptor.Digest.CreateHasher();
        }

        /// <summary>What to name in error messages (a reference or file); optional.</summary>
        public string? Subject { get; set; }

        /// <inheritdoc />
        public Descriptor VerifiedDescriptor => _descriptor;

        /// <summary>Bytes read so far.</summary>
        public long BytesRead => _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _descriptor.Size;

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_verified || count == 0)
            {
                return 0;
            }

            long remaining = _descriptor.Size - _read;
            int n;
            if (remaining == 0)
            {
                // Probe for trailing bytes: a stream longer than its descriptor is as wrong as a shorter one.
                n = await _inner.ReadAsync(buffer, offset, 1, cancellationToken).ConfigureAwait(false);
                if (n > 0)
                {
                    throw Mismatch($"has more than the {_descriptor.Size} bytes its descriptor declares");
                }

                Verify();
                return 0;
            }

            n = await _inner.ReadAsync(buffer, offset, (int)Math.Min(count, remaining), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw Mismatch($"ended after {_read} of {_descriptor.Size} bytes");
            }

            _hash.AppendData(buffer, offset, n);
            _read += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Verify()
        {
            Digest actual = Digest.FromHash(_descriptor.Digest.Algorithm, _hash.GetHashAndReset());
            if (actual != _descriptor.Digest)
            {
                throw Mismatch($"hashes to {actual}");
            }

            _verified = true;
        }

        private OciException Mismatch(string what) => new OciException(
            OciErrorKind.DigestMismatch,
            $"Content {_descriptor.Digest}{(Subject == null ? string.Empty : " of " + Subject)} {what}; it was discarded.")
        {
            Digest = _descriptor.Digest,
            Reference = Subject,
        };
    }
}
