using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Tests.Registry.Tls
{
    /// <summary>
    /// A tiny HTTPS "registry" on 127.0.0.1: SslStream over a TcpListener, answering every request with
    /// 200 and <c>{}</c> (enough for GET /v2/), closing each connection after one answer. With a client
    /// CA it requires a client certificate issued by that CA. Stops on dispose.
    /// </summary>
    internal sealed class TlsTestServer : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly X509Certificate2 _certificate;
        private readonly X509Certificate2? _clientCa;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task _loop;
        private readonly List<string> _clientSubjects = new List<string>();
        private int _requests;
        private int _failedHandshakes;

        public TlsTestServer(X509Certificate2 certificate, X509Certificate2? clientCa = null)
        {
            _certificate = certificate;
            _clientCa = clientCa;
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _loop = Task.Run(AcceptLoopAsync);
        }

        public int Port { get; }

        /// <summary>host:port for references and PingAsync.</summary>
        public string Host => "127.0.0.1:" + Port;

        public int Requests => Volatile.Read(ref _requests);

        public int FailedHandshakes => Volatile.Read(ref _failedHandshakes);

        public IReadOnlyList<string> ClientSubjects
        {
            get
            {
                lock (_clientSubjects)
                {
                    return _clientSubjects.ToArray();
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
            }

            _stop.Dispose();
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException || e is SocketException || e is ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
            {
                timeout.CancelAfter(TimeSpan.FromSeconds(20));
                using var ssl = new SslStream(client.GetStream(), false);
                try
                {
                    await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                    {
                        ServerCertificate = _certificate,
                        ClientCertificateRequired = _clientCa != null,
                        // With a client CA: TLS 1.2, where a refused client certificate fails the handshake itself (an
                        // alert the client reads as a TLS failure); .NET's TLS 1.3 server just closes afterwards.
                        EnabledSslProtocols = _clientCa != null ? SslProtocols.Tls12 : SslProtocols.Tls12 | SslProtocols.Tls13,
                        RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => _clientCa == null || IsIssuedByClientCa(certificate),
                    }, timeout.Token);
                    if (ssl.RemoteCertificate != null)
                    {
                        lock (_clientSubjects)
                        {
                            _clientSubjects.Add(ssl.RemoteCertificate.Subject);
                        }
                    }

                    await ReadHeadersAsync(ssl, timeout.Token);
                    Interlocked.Increment(ref _requests);
                    byte[] answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nDocker-Distribution-API-Version: registry/2.0\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
                    await ssl.WriteAsync(answer, timeout.Token);
                    await ssl.FlushAsync(timeout.Token);
                }
                catch (Exception e) when (e is AuthenticationException || e is IOException || e is OperationCanceledException || e is SocketException)
                {
                    Interlocked.Increment(ref _failedHandshakes);
                }
            }
        }

        private bool IsIssuedByClientCa(X509Certificate? certificate)
        {
            if (certificate == null)
            {
                return false;
            }

            using var leaf = new X509Certificate2(certificate);
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(_clientCa!);
            return chain.Build(leaf);
        }

        private static async Task ReadHeadersAsync(Stream stream, CancellationToken cancellationToken)
        {
            var buffer = new byte[1];
            var seen = new StringBuilder();
            while (!seen.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && seen.Length < 64 * 1024)
            {
                if (await stream.ReadAsync(buffer, cancellationToken) == 0)
                {
                    throw new IOException("The client closed the connection before the end of its request.");
                }

                seen.Append((char)buffer[0]);
            }
        }
    }
}
