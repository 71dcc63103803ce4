using System;
using System.ComponentModel;
using System.IO;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;

namespace OciMirror.Core.Registry.Tls
{
    /// <summary>
    /// Tells a failure of the TLS layer from a plain connection failure, from the exception chain alone.
    /// A failed handshake is an <see cref="AuthenticationException"/>. With TLS 1.3 a server that refuses the
    /// client certificate does so after the client considers the handshake done, so the alert ("bad
    /// certificate", "certificate required") surfaces on the first read as an IOException wrapping a
    /// <see cref="CryptographicException"/> (OpenSSL) or a Win32Exception (SChannel) — never a SocketException.
    /// </summary>
    internal static class TlsFailures
    {
        /// <summary>True when <paramref name="error"/> or an inner exception comes from the TLS layer.</summary>
        public static bool IsTlsLayerFailure(Exception error)
        {
            for (Exception? e = error; e != null; e = e.InnerException)
            {
                if (e is AuthenticationException || e is CryptographicException)
                {
                    return true;
                }

                if (e is IOException && e.InnerException is Win32Exception && !(e.InnerException is SocketException))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
