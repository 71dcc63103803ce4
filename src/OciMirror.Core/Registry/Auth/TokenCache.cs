using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace OciMirror.Core.Registry.Auth
{
    /// <summary>
    /// Bearer tokens per (realm, service, scopes) until shortly before they expire. Concurrent requests
    /// for the same key share one token request, so a parallel copy does not storm the token service.
    /// </summary>
    internal sealed class TokenCache
    {
        private readonly ConcurrentDictionary<string, Lazy<Task<BearerToken>>> _entries = new ConcurrentDictionary<string, Lazy<Task<BearerToken>>>(StringComparer.Ordinal);

        /// <summary>The clock deciding expiry; tests replace it.</summary>
        public Func<DateTime> Clock { get; set; } = () => DateTime.UtcNow;

        /// <summary>The cache key of a challenge and scope set.</summary>
        public static string Key(string realm, string? service, IEnumerable<string> scopes) =>
            realm + "\n" + service + "\n" + string.Join(" ", scopes);

        /// <summary>A cached, unexpired token for <paramref name="key"/>, or the result of <paramref name="fetch"/>.</summary>
        /// <remarks>
        /// A shared fetch runs with the cancellation token of the caller that started it. When that caller
        /// is cancelled (its artifact failed) while this one was only waiting, this caller fetches with its
        /// own <paramref name="fetch"/> instead of inheriting a cancellation it did not ask for.
        /// </remarks>
        public async Task<BearerToken> GetOrFetchAsync(string key, Func<Task<BearerToken>> fetch)
        {
            for (int attempt = 0; ; attempt++)
            {
                var mine = new Lazy<Task<BearerToken>>(fetch);
                var entry = _entries.GetOrAdd(key, mine);
                BearerToken token;
                try
                {
                    token = await entry.Value.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (entry != mine && entry.Value.IsCanceled)
                {
                    Remove(key, entry);
                    attempt = -1;
                    continue;
                }
                catch
                {
                    Remove(key, entry);
                    throw;
                }

                // A token fresh from this call is used even with a tiny lifetime (no fetch loop).
                if (token.ExpiresAt > Clock() || attempt > 0)
                {
                    return token;
                }

                Remove(key, entry);
            }
        }

        /// <summary>Forgets every entry holding <paramref name="value"/> (the registry rejected it).</summary>
        public void Invalidate(string value)
        {
            foreach (var pair in _entries.ToArray())
            {
                // Only completed entries are compared: reading Result below never blocks.
                Task<BearerToken> task = pair.Value.Value;
                if (task.Status == TaskStatus.RanToCompletion && task.Result.Value == value)
                {
                    Remove(pair.Key, pair.Value);
                }
            }
        }

        private void Remove(string key, Lazy<Task<BearerToken>> entry) =>
            ((ICollection<KeyValuePair<string, Lazy<Task<BearerToken>>>>)_entries).Remove(new KeyValuePair<string, Lazy<Task<BearerToken>>>(key, entry));
    }
}
