using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// A CNCF distribution registry (<c>docker-registry serve CONFIG</c>) on a free 127.0.0.1 port with
    /// the security settings of <see cref="SecureRegistryOptions"/>: HTTPS with the test CA, client
    /// certificates, htpasswd basic auth or token auth. Storage starts as a copy of the seeded corpus.
    /// <see cref="RestartAsync"/> restarts it on the same port and storage with new settings (key
    /// rotation); dispose kills it and deletes its directory.
    /// </summary>
    public sealed class SecureRegistry : IAsyncDisposable
    {
        private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);
        private readonly StringBuilder _output = new StringBuilder();
        private Process? _process;

        private SecureRegistry(int port, TempDirectory directory, SecureRegistryOptions options)
        {
            Port = port;
            Directory = directory;
            Options = options;
        }

        public int Port { get; }

        /// <summary><c>127.0.0.1:PORT</c>: the registry part of references, the certs.d directory name.</summary>
        public string Host => "127.0.0.1:" + Port;

        public SecureRegistryOptions Options { get; private set; }

        public bool IsHttps => Options.Tls != null;

        public Uri BaseUri => new Uri((IsHttps ? "https://" : "http://") + Host + "/");

        public TempDirectory Directory { get; }

        /// <summary>What the registry printed (warnings and errors), for failure messages.</summary>
        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        /// <summary>Starts a registry and waits until it answers HTTP on <c>/v2/</c> (any status).</summary>
        /// <exception cref="InvalidOperationException">docker-registry is missing or did not come up.</exception>
        public static async Task<SecureRegistry> StartAsync(SecureRegistryOptions options, CancellationToken cancellationToken = default)
        {
            ExternalTool.Require("docker-registry", "docker-registry");
            Exception? last = null;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                var registry = new SecureRegistry(FreePort.Next(), new TempDirectory("ocimirror-secreg"), options);
                try
                {
                    string data = registry.Directory.Combine("data");
                    if (options.SeedCorpus)
                    {
                        await CorpusSeed.CopyToAsync(data).ConfigureAwait(false);
                    }
                    else
                    {
                        System.IO.Directory.CreateDirectory(data);
                    }

                    await registry.LaunchAsync(cancellationToken).ConfigureAwait(false);
                    return registry;
                }
                catch (InvalidOperationException e)
                {
                    // Most likely the free port was taken between probe and bind.
                    last = e;
                    await registry.DisposeAsync().ConfigureAwait(false);
                }
            }

            throw last!;
        }

        /// <summary>Stops the process and starts it again on the same port and storage with <paramref name="options"/>.</summary>
        public async Task RestartAsync(SecureRegistryOptions options, CancellationToken cancellationToken = default)
        {
            await StopAsync().ConfigureAwait(false);
            Options = options;
            await LaunchAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync().ConfigureAwait(false);
            Directory.Dispose();
        }

        public override string ToString() => $"registry {BaseUri} ({Describe(Options)})";

        private static string Describe(SecureRegistryOptions o)
        {
            var parts = new List<string> { o.Tls != null ? "https" : "http" };
            if (o.RequireClientCertificate)
            {
                parts.Add("client certificates");
            }

            if (o.HtpasswdFile != null)
            {
                parts.Add("htpasswd");
            }

            if (o.Token != null)
            {
                parts.Add("token auth");
            }

            return string.Join(", ", parts);
        }

        private async Task StopAsync()
        {
            Process? process = _process;
            _process = null;
            if (process == null)
            {
                return;
            }

            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().ConfigureAwait(false);
                }
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }

        private async Task LaunchAsync(CancellationToken cancellationToken)
        {
            string config = Directory.Combine("config.yml");
            await File.WriteAllTextAsync(config, ConfigYaml(), cancellationToken).ConfigureAwait(false);
            var info = new ProcessStartInfo(ExternalTool.Require("docker-registry", "docker-registry"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add("serve");
            info.ArgumentList.Add(config);
            var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;

            using var probe = new HttpClient(ProbeHandler()) { Timeout = TimeSpan.FromSeconds(5) };
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < StartupLimit)
            {
                if (process.HasExited)
                {
                    int code = process.ExitCode;
                    await StopAsync().ConfigureAwait(false);
                    throw new InvalidOperationException($"docker-registry exited with code {code} on port {Port} ({Describe(Options)}): {Output}");
                }

                try
                {
                    using HttpResponseMessage r = await probe.GetAsync(BaseUri + "v2/", cancellationToken).ConfigureAwait(false);
                    return; // 200, or 401 with auth: it is serving.
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }

                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }

            await StopAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"docker-registry did not answer on port {Port} within {StartupLimit.TotalSeconds} s: {Output}");
        }

        private SocketsHttpHandler ProbeHandler()
        {
            var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true; // readiness only
            if (Options.RequireClientCertificate && Options.Tls != null)
            {
                handler.SslOptions.ClientCertificates = new System.Security.Cryptography.X509Certificates.X509CertificateCollection { Options.Tls.ClientCertificate };
            }

            return handler;
        }

        private string ConfigYaml()
        {
            var y = new StringBuilder();
            y.Append("version: 0.1\n");
            y.Append("log:\n  level: warn\n  accesslog:\n    disabled: true\n");
            y.Append("storage:\n  filesystem:\n    rootdirectory: ").Append(Directory.Combine("data")).Append('\n');
            y.Append("  delete:\n    enabled: true\n  maintenance:\n    uploadpurging:\n      enabled: false\n");
            y.Append("http:\n  addr: ").Append(Host).Append('\n');
            y.Append("  secret: ocimirror-test-http-secret\n");
            if (Options.Tls != null)
            {
                y.Append("  tls:\n");
                y.Append("    certificate: ").Append(Options.Tls.ServerCertificateFile).Append('\n');
                y.Append("    key: ").Append(Options.Tls.ServerKeyFile).Append('\n');
                if (Options.RequireClientCertificate)
                {
                    y.Append("    clientcas:\n      - ").Append(Options.Tls.ClientCaFile).Append('\n');
                }
            }
            else if (Options.RequireClientCertificate)
            {
                throw new InvalidOperationException("Client certificates need TLS.");
            }

            if (Options.HtpasswdFile != null && Options.Token != null)
            {
                throw new InvalidOperationException("Choose htpasswd or token auth, not both.");
            }

            if (Options.HtpasswdFile != null)
            {
                y.Append("auth:\n  htpasswd:\n    realm: ocimirror-test\n    path: ").Append(Options.HtpasswdFile).Append('\n');
            }

            if (Options.Token != null)
            {
                y.Append("auth:\n  token:\n");
                y.Append("    realm: ").Append(Options.Token.Realm).Append('\n');
                y.Append("    service: ").Append(Options.Token.Service).Append('\n');
                y.Append("    issuer: ").Append(Options.Token.Issuer).Append('\n');
                y.Append("    rootcertbundle: ").Append(Options.Token.RootCertBundle).Append('\n');
            }

            return y.ToString();
        }

        private void Append(string? line)
        {
            if (line == null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
