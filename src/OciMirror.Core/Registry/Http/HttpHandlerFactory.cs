using System;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Runtime.InteropServices;
using OciMirror.Core.Registry.Tls;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>Builds the HttpClientHandler of one registry host (DESIGN §7): trust and client certificates are per handler.</summary>
    internal static class HttpHandlerFactory
    {
        private static readonly object FrameworkGate = new object();

        /// <summary>
        /// A handler that never follows redirects itself (we must strip Authorization across origins),
        /// never decompresses (digests are over the stored bytes), keeps no cookies, and validates
        /// certificates per handler (never through the process-wide ServicePointManager callback, which
        /// would change other modules' connections): system trust plus <see cref="HostTlsConfiguration.ExtraAuthorities"/>
        /// (see <see cref="CertificateTrust"/>), or nothing checked with <see cref="HostTlsConfiguration.SkipVerify"/>.
        /// What the callback decided is recorded in <paramref name="tls"/> (None when it accepted).
        /// </summary>
        public static HttpClientHandler Create(int maxConnectionsPerServer, HostTlsConfiguration configuration, TlsObservations tls)
        {
            PrepareNetFramework(maxConnectionsPerServer);
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
            };

            try
            {
                handler.MaxConnectionsPerServer = maxConnectionsPerServer;
            }
            catch (PlatformNotSupportedException)
            {
                // Older .NET Framework handlers: ServicePointManager.DefaultConnectionLimit covers it.
            }

            if (configuration.ClientCertificates.Count > 0)
            {
                handler.ClientCertificateOptions = ClientCertificateOption.Manual;
                foreach (var certificate in configuration.ClientCertificates)
                {
                    handler.ClientCertificates.Add(certificate);
                }
            }

            handler.ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) =>
            {
                SslPolicyErrors remaining = configuration.SkipVerify ? SslPolicyErrors.None
                    : CertificateTrust.Evaluate(certificate, chain, errors, configuration.ExtraAuthorities);
                tls.Record(request.RequestUri, remaining);
                return remaining == SslPolicyErrors.None;
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
