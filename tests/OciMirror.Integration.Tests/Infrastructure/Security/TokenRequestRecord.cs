using System.Collections.Generic;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>One request the <see cref="TokenIssuer"/> answered.</summary>
    public sealed class TokenRequestRecord
    {
        public TokenRequestRecord(string method, string? grantType, string? account, IReadOnlyList<string> scopes, bool offline, int status, string? service)
        {
            Method = method;
            GrantType = grantType;
            Account = account;
            Scopes = scopes;
            Offline = offline;
            Status = status;
            Service = service;
        }

        /// <summary>GET or POST.</summary>
        public string Method { get; }

        /// <summary>POST: <c>password</c> or <c>refresh_token</c>; GET: null.</summary>
        public string? GrantType { get; }

        /// <summary>The authenticated user, or null for anonymous or refused requests.</summary>
        public string? Account { get; }

        /// <summary>The scopes asked for, sorted.</summary>
        public IReadOnlyList<string> Scopes { get; }

        /// <summary>The scopes as one comparable key (sorted, space separated).</summary>
        public string ScopeKey => string.Join(" ", Scopes);

        public bool Offline { get; }

        public int Status { get; }

        public string? Service { get; }

        public override string ToString() => $"{Method} grant={GrantType ?? "-"} account={Account ?? "-"} scopes=[{ScopeKey}] -> {Status}";
    }
}
