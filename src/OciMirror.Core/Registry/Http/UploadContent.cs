using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// A request body of exactly <c>length</c> bytes streamed from a caller-owned stream (never
    /// buffered, never disposed). For the last part of a blob it reads one byte past the end before
    /// writing the final buffer: a verifying source checks the digest at that point, so corrupt content
    /// fails before the registry has received a complete body.
    /// </summary>
    internal sealed class UploadContent : HttpContent
    {
        private const int BufferSize = 81920;
        private readonly Stream _source;
        private readonly long _length;
        private readonly bool _final;
        private readonly Descriptor _blob;

        public UploadContent(Stream source, long length, bool final, Descriptor blob)
        {
            _source = source;
            _length = length;
            _final = final;
            _blob = blob;
        }

        private TimeSpan _idle = Timeout.InfiniteTimeSpan;
        private Action? _onStall;
        private volatile StalledTransferException? _stall;

        /// <summary>The exception the source threw while the body was sent (HttpClient may wrap it), or a <see cref="StalledTransferException"/>.</summary>
        public Exception? Failure { get; private set; }

        /// <summary>The stall that ended the upload (a write that did not complete within the idle time), or null.</summary>
        public StalledTransferException? Stall => _stall;

        /// <summary>
        /// Times every write to the network: one that cannot hand over its buffer for <paramref name="idle"/>
        /// (the registry stopped reading) records a <see cref="StalledTransferException"/> as <see cref="Failure"/>
        /// and calls <paramref name="onStall"/>, which aborts the request. Reads from the source are not timed
        /// here: a stalled source has its own watchdog and must not be blamed on the destination.
        /// </summary>
        public void WatchWrites(TimeSpan idle, Action onStall)
        {
            _idle = idle;
            _onStall = onStall;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            using var watchdog = new IdleWatchdog(_idle, () =>
            {
                _stall = new StalledTransferException("The registry accepted no upload data", _idle); // before the abort: the transport reads it when the send fails
                _onStall?.Invoke();
            });
            try
            {
                var buffer = new byte[(int)Math.Min(BufferSize, Math.Max(1, _length))];
                long remaining = _length;
                while (remaining > 0)
                {
                    int n = await _source.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, remaining)).ConfigureAwait(false);
                    if (n == 0)
                    {
                        throw new OciException(OciErrorKind.DigestMismatch, $"The content of {_blob.Digest} ended {remaining} bytes short of the {_blob.Size} bytes its descriptor declares.") { Digest = _blob.Digest };
                    }

                    remaining -= n;
                    if (remaining == 0 && _final)
                    {
                        await ProbeEndAsync().ConfigureAwait(false);
                    }

                    watchdog.Arm();
                    try
                    {
                        await stream.WriteAsync(buffer, 0, n).ConfigureAwait(false);
                    }
                    finally
                    {
                        watchdog.Disarm();
                    }
                }

                if (_length == 0 && _final)
                {
                    await ProbeEndAsync().ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                Failure = Stall ?? e;
                throw;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }

        private async Task ProbeEndAsync()
        {
            if (await _source.ReadAsync(new byte[1], 0, 1).ConfigureAwait(false) > 0)
            {
                throw new OciException(OciErrorKind.DigestMismatch, $"The content of {_blob.Digest} is longer than the {_blob.Size} bytes its descriptor declares.") { Digest = _blob.Digest };
            }
        }
    }
}
