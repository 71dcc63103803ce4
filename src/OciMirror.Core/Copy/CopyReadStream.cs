using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Copy
{
    /// <summary>
    /// What the copy hands to <see cref="IPushable.PushAsync"/>: a <see cref="VerifyingReadStream"/> that
    /// counts bytes as they stream and verifies the digest before it returns the last chunk, so a
    /// destination that reads exactly the declared size never receives the complete bytes of corrupt
    /// content. Errors of the source are recorded in <see cref="SourceError"/> (side Source) so the copy
    /// can tell them from the destination's. Disposing it disposes the source stream.
    /// </summary>
    internal sealed class CopyReadStream : Stream, IVerifiedContent
    {
        private readonly VerifyingReadStream _inner;
        private readonly Descriptor _node;
        private readonly string? _reference;
        private readonly Action<long> _onBytes;
        private readonly byte[] _probe = new byte[1];
        private long _read;

        public CopyReadStream(Stream source, Descriptor node, string? reference, Action<long> onBytes)
        {
            _inner = new VerifyingReadStream(source, node) { Subject = reference };
            _node = node;
            _reference = reference;
            _onBytes = onBytes;
        }

        /// <inheritdoc />
        public Descriptor VerifiedDescriptor => _node;

        /// <summary>The (wrapped) exception the source stream threw, if any.</summary>
        public OciException? SourceError { get; private set; }

        /// <summary>True once all declared bytes were read and verified.</summary>
        public bool Verified { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _node.Size;

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            try
            {
                int n = await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                if (n > 0)
                {
                    _read += n;
                    _onBytes(n);
                }

                if (!Verified && _read == _node.Size)
                {
                    // Probe: VerifyingReadStream checks trailing bytes and the digest on the read after the last byte.
                    await _inner.ReadAsync(_probe, 0, 1, cancellationToken).ConfigureAwait(false);
                    Verified = true;
                }

                return n;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                SourceError = CopyErrors.Wrap(e, ErrorSide.Source, _node, _reference);
                throw SourceError;
            }
        }

        /// <summary>
        /// After a push returned: verifies content the destination did not read to the end (an empty
        /// blob it never read) and refuses a destination that stopped early.
        /// </summary>
        /// <exception cref="OciException">DigestMismatch (source) or ProtocolError (destination).</exception>
        public async Task EnsureVerifiedAsync(CancellationToken cancellationToken)
        {
            if (Verified)
            {
                return;
            }

            if (_read == _node.Size)
            {
                await ReadAsync(_probe, 0, 0, cancellationToken).ConfigureAwait(false);
                if (Verified)
                {
                    return;
                }
            }

            throw new OciException(OciErrorKind.ProtocolError, $"The destination stopped reading {_node.Digest} after {_read} of {_node.Size} bytes.")
            {
                Side = ErrorSide.Destination,
                Digest = _node.Digest,
                Reference = _reference,
            };
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
            }

            base.Dispose(disposing);
        }
    }
}
