using System.Net;
using System.Net.Sockets;

namespace OciMirror.Integration.Tests.Infrastructure
{
    /// <summary>Free TCP ports on 127.0.0.1.</summary>
    internal static class FreePort
    {
        /// <summary>A port nobody listens on right now (the OS picks it; it is released before returning).</summary>
        public static int Next()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
