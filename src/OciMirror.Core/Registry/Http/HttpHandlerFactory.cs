using System;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Runtime.InteropServices;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>Builds the one HttpClientHandler a <see cref="RegistryClient"/> owns (DESIGN §7).</summary>
    internal static class HttpHandlerFactory
    {
        private static readonly object FrameworkGate = new object();

        /// <summary>
        /// A handler that never follows redirects itself (we must strip Authorization across origins),
        /// never decompresses (digests are over the stored bytes), keeps no cookies, and validates
        /// certificates per handler (never through the process-wide ServicePointManager callback).
        /// </summary>
        public static HttpClientHandler Create(RegistryAccessOptions options, TlsObservations tls)
        {
            PrepareNetFramework(options.MaxConnectionsPerServer);
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
            };

            try
            {
                handler.MaxConnectionsPerServer = options.MaxConnectionsPerServer;
            }
            catch (PlatformNotSupportedException)
            {
                // Older .NET Framework handlers: ServicePointManager.DefaultConnectionLimit covers it.
            }

            bool skipVerify = options.SkipTlsVerify;
            handler.ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) =>
            {
                tls.Record(request.RequestUri, errors);
                return skipVerify || errors == SslPolicyErrors.None;
            };
            return handler;
        }

        /// <summary>
        /// Windows PowerShell 5.1 defaults: 2 connections per host and, on old systems, no TLS 1.2. Raise the
        /// limit and OR-in TLS 1.2 unless the process defers to the OS (SystemDefault = 0); never remove a
        /// protocol another module relies on.
        /// </summary>
        private static void PrepareNetFramework(int connections)
        {
            if (!RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
            {
                return;
            }

            lock (FrameworkGate)
            {
                if (ServicePointManager.DefaultConnectionLimit < connections)
                {
                    ServicePointManager.DefaultConnectionLimit = connections;
                }

                SecurityProtocolType current = ServicePointManager.SecurityProtocol;
                if ((int)current != 0 && (current & SecurityProtocolType.Tls12) == 0)
                {
                    ServicePointManager.SecurityProtocol = current | SecurityProtocolType.Tls12;
                }
            }
        }
    }
}
