using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// When and how long to wait before repeating a request that may be safely repeated (GET, HEAD,
    /// body-less POST, a PUT of buffered bytes). Defaults: 3 retries, exponential backoff from 200 ms
    /// with ±20 % jitter, <c>Retry-After</c> honoured up to 30 s. Mutable so tests can make waiting free.
    /// </summary>
    internal sealed class RetryPolicy
    {
        private static readonly Random Jitter = new Random();

        /// <summary>Retries after the first attempt (default 3).</summary>
        public int MaxRetries { get; set; } = 3;

        /// <summary>Wait before the first retry; doubled for each further one (default 200 ms).</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

        /// <summary>Upper bound for a server-sent <c>Retry-After</c> (default 30 s).</summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How to wait; tests replace it to avoid sleeping.</summary>
        public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (delay, token) => Task.Delay(delay, token);

        /// <summary>Statuses that say "try again later" (RFC 9110 §15.5.9, §15.6; RFC 6585 §4).</summary>
        public static bool IsRetryableStatus(int status) =>
            status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;

        /// <summary>
        /// The wait before retry number <paramref name="retry"/> (0-based): the response's Retry-After
        /// (delta seconds or HTTP date, capped) when present, else the jittered exponential backoff.
        /// </summary>
        public TimeSpan GetDelay(int retry, HttpResponseMessage? response)
        {
            var retryAfter = response?.Headers.RetryAfter;
            if (retryAfter != null)
            {
                TimeSpan wait = retryAfter.Delta
                    ?? (retryAfter.Date.HasValue ? retryAfter.Date.Value - DateTimeOffset.UtcNow : TimeSpan.Zero);
                if (wait < TimeSpan.Zero)
                {
                    wait = TimeSpan.Zero;
                }

                return wait > MaxRetryAfter ? MaxRetryAfter : wait;
            }

            double factor;
            lock (Jitter)
            {
                factor = 0.8 + (Jitter.NextDouble() * 0.4);
            }

            return TimeSpan.FromMilliseconds(BaseDelay.TotalMilliseconds * Math.Pow(2, retry) * factor);
        }
    }
}
