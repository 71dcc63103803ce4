using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;

namespace OciMirror.Framework.Tests
{
    /// <summary>
    /// <c>docker-registry serve</c> on a free 127.0.0.1 port with its own storage directory, written with
    /// .NET Framework APIs only (the Integration tests' fixture uses .NET 5+ process APIs). Dispose kills it
    /// and deletes the directory.
    /// </summary>
    public sealed class DockerRegistry : IDisposable
    {
        private readonly Process _process;
        private readonly string _directory;

        private DockerRegistry(Process process, string directory, int port)
        {
            _process = process;
            _directory = directory;
            Host = "127.0.0.1:" + port;
        }

        /// <summary><c>127.0.0.1:PORT</c>.</summary>
        public string Host { get; }

        /// <exception cref="InvalidOperationException">docker-registry is missing or did not answer within 30 s.</exception>
        public static DockerRegistry Start()
        {
            string directory = Path.Combine(Path.GetTempPath(), "ocimirror-fw-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            string config = Path.Combine(directory, "config.yml");
            File.WriteAllText(config, $"version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: {directory}/data\nhttp:\n  addr: 127.0.0.1:{port}\n");

            Process process;
            try
            {
                process = Process.Start(new ProcessStartInfo("docker-registry", "serve \"" + config + "\"") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("docker-registry is not installed (apt-get install docker-registry; scripts/test.sh installs it).", e);
            }

            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var registry = new DockerRegistry(process, directory, port);
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            for (DateTime deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; Thread.Sleep(100))
            {
                try
                {
                    if (client.GetAsync("http://" + registry.Host + "/v2/").GetAwaiter().GetResult().IsSuccessStatusCode)
                    {
                        return registry;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (System.Threading.Tasks.TaskCanceledException)
                {
                }
            }

            registry.Dispose();
            throw new InvalidOperationException("docker-registry did not answer on " + registry.Host);
        }

        public void Dispose()
        {
            try
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
            }

            _process.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
