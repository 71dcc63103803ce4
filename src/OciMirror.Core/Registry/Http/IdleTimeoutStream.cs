using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// A response body that fails with <see cref="StalledTransferException"/> when one read waits longer than
    /// the idle time for its first byte (DESIGN §7: a body may take hours, a silent peer may not hang a
    /// transfer). On a stall the body is disposed, which aborts the connection on .NET and on .NET Framework
    /// alike (a pending socket read ignores a cancellation token on the latter). Disposing it disposes the body.
    /// </summary>
    internal sealed class IdleTimeoutStream : Stream
    {
        private readonly Stream _inner;
        private readonly IdleWatchdog _watchdog;

        public IdleTimeoutStream(Stream inner, TimeSpan idle)
        {
            _inner = inner;
            _watchdog = new IdleWatchdog(idle, () => _inner.Dispose());
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _inner.Length;

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_watchdog.Fired)
            {
                throw Stalled();
            }

            _watchdog.Arm();
            try
            {
                return await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (_watchdog.Fired && !cancellationToken.IsCancellationRequested)
            {
                throw Stalled();
            }
            finally
            {
                _watchdog.Disarm();
            }
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
                _watchdog.Dispose();
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        // The error of the aborted read (ObjectDisposed, a reset) says nothing the stall does not: not kept.
        private StalledTransferException Stalled() => new StalledTransferException("The registry sent no data", _watchdog.Idle);
    }
}
