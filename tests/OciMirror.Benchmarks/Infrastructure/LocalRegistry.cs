using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace OciMirror.Benchmarks.Infrastructure
{
    /// <summary>
    /// A CNCF distribution registry (<c>docker-registry serve CONFIG</c>, Debian package docker-registry) on
    /// a free 127.0.0.1 port, plain HTTP, quiet, with its own storage directory; dispose kills it and deletes
    /// the directory. A minimal copy of the integration tests' RegistryInstance (the harness does not
    /// reference a test project).
    /// </summary>
    internal sealed class LocalRegistry : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _directory;

        private LocalRegistry(Process process, int port, string directory)
        {
            _process = process;
            Port = port;
            _directory = directory;
        }

        public int Port { get; }

        /// <summary><c>127.0.0.1:PORT</c>.</summary>
        public string Host => "127.0.0.1:" + Port;

        /// <summary>Starts a registry and waits until <c>GET /v2/</c> answers 200 (at most 60 s).</summary>
        public static async Task<LocalRegistry> StartAsync(string workDirectory)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();

            string dir = Path.Combine(workDirectory, "registry-" + port);
            Directory.CreateDirectory(Path.Combine(dir, "data"));
            string config = Path.Combine(dir, "config.yml");
            await File.WriteAllTextAsync(config, string.Join("\n",
                "version: 0.1",
                "log:",
                "  level: error",
                "  accesslog:",
                "    disabled: true",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + Path.Combine(dir, "data"),
                "  maintenance:",
                "    uploadpurging:",
                "      enabled: false",
                "http:",
                "  addr: 127.0.0.1:" + port,
                string.Empty));

            var info = new ProcessStartInfo("docker-registry") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("serve");
            info.ArgumentList.Add(config);
            Process process = Process.Start(info) ?? throw new InvalidOperationException("docker-registry did not start (apt-get install docker-registry).");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var registry = new LocalRegistry(process, port, dir);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                try
                {
                    using HttpResponseMessage r = await http.GetAsync($"http://{registry.Host}/v2/");
                    if (r.IsSuccessStatusCode)
                    {
                        return registry;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(100);
            }

            await registry.DisposeAsync();
            throw new InvalidOperationException($"docker-registry did not come up on port {port}.");
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            Files.DeleteDirectory(_directory);
        }
    }
}
