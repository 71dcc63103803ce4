using System;

namespace OciMirror.Core.Registry.Auth
{
    /// <summary>A bearer token and when to stop using it. <see cref="ToString"/> never shows the value.</summary>
    internal sealed class BearerToken
    {
        public BearerToken(string value, DateTime expiresAt)
        {
            Value = value;
            ExpiresAt = expiresAt;
        }

        public string Value { get; }

        /// <summary>UTC time after which the cache fetches a new token (a margin before the real expiry).</summary>
        public DateTime ExpiresAt { get; }

        public override string ToString() => $"(bearer token until {ExpiresAt:u})";
    }
}
