using System;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// A Kestrel server (ASP.NET Core from the shared framework) on a free 127.0.0.1 port, HTTP/1.1, plain
    /// or HTTPS with a test certificate, that hands every request to one delegate. The building block of
    /// the token issuer, the wire proxy and the blob store. Dispose stops it.
    /// </summary>
    public sealed class LoopbackServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private LoopbackServer(WebApplication app, int port, bool https)
        {
            _app = app;
            Port = port;
            IsHttps = https;
        }

        public int Port { get; }

        public bool IsHttps { get; }

        /// <summary><c>127.0.0.1:PORT</c>.</summary>
        public string Host => "127.0.0.1:" + Port;

        public Uri BaseUri => new Uri((IsHttps ? "https://" : "http://") + Host + "/");

        /// <summary>Starts serving <paramref name="handler"/>; HTTPS with <paramref name="certificate"/> when given.</summary>
        public static async Task<LoopbackServer> StartAsync(RequestDelegate handler, X509Certificate2? certificate = null)
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = null;
                kestrel.Listen(IPAddress.Loopback, 0, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    if (certificate != null)
                    {
                        listen.UseHttps(certificate);
                    }
                });
            });
            WebApplication app = builder.Build();
            app.Run(handler);
            await app.StartAsync().ConfigureAwait(false);
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new LoopbackServer(app, new Uri(address).Port, certificate != null);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
