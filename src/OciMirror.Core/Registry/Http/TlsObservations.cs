using System;
using System.Collections.Concurrent;
using System.Net.Security;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// What the certificate validation callback saw, per <c>scheme://host:port</c>. It is the signal that
    /// tells "the server does not speak TLS" (callback never invoked) from "the certificate is bad"
    /// (invoked with errors), which the exception text cannot reliably tell apart across platforms.
    /// </summary>
    internal sealed class TlsObservations
    {
        private readonly ConcurrentDictionary<string, SslPolicyErrors> _seen = new ConcurrentDictionary<string, SslPolicyErrors>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Records a certificate presented by the server of <paramref name="uri"/>.</summary>
        public void Record(Uri? uri, SslPolicyErrors errors)
        {
            if (uri != null)
            {
                _seen[Key(uri)] = errors;
            }
        }

        /// <summary>True when a server certificate was ever presented for this endpoint.</summary>
        public bool SawCertificate(Uri uri) => _seen.ContainsKey(Key(uri));

        /// <summary>The validation errors of the last certificate seen for this endpoint, or None.</summary>
        public SslPolicyErrors LastErrors(Uri uri) => _seen.TryGetValue(Key(uri), out SslPolicyErrors errors) ? errors : SslPolicyErrors.None;

        private static string Key(Uri uri) => uri.Scheme + "://" + uri.Host + ":" + uri.Port;
    }
}
