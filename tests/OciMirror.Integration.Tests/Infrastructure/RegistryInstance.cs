using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Integration.Tests.Infrastructure
{
    /// <summary>
    /// A CNCF distribution registry (<c>docker-registry serve CONFIG</c>, Debian package docker-registry)
    /// on a free 127.0.0.1 port, plain HTTP, with its own storage directory. Started by
    /// <see cref="StartAsync"/>; dispose kills it and deletes the directory. Several may run at once.
    /// </summary>
    public sealed class RegistryInstance : IAsyncDisposable
    {
        private const int StartAttempts = 3;
        private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);

        private readonly Process _process;
        private readonly StringBuilder _output;

        private RegistryInstance(Process process, StringBuilder output, int port, TempDirectory directory)
        {
            _process = process;
            _output = output;
            Port = port;
            Directory = directory;
        }

        public int Port { get; }

        /// <summary><c>127.0.0.1:PORT</c>, the registry part of references.</summary>
        public string Host => "127.0.0.1:" + Port;

        /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
        public Uri BaseUri => new Uri("http://" + Host + "/");

        /// <summary>The storage and config directory.</summary>
        public TempDirectory Directory { get; }

        /// <summary>What the registry printed (warnings and errors only), for failure messages.</summary>
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

        /// <summary>Starts a registry and waits until <c>GET /v2/</c> answers 200.</summary>
        /// <exception cref="InvalidOperationException">docker-registry is not installed, or did not come up.</exception>
        public static async Task<RegistryInstance> StartAsync(CancellationToken cancellationToken = default)
        {
            string binary = ExternalTool.Require("docker-registry", "docker-registry");
            Exception? last = null;
            for (int attempt = 0; attempt < StartAttempts; attempt++)
            {
                try
                {
                    return await TryStartAsync(binary, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidOperationException e)
                {
                    // Most likely another process took the free port between probe and bind.
                    last = e;
                }
            }

            throw last!;
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync().ConfigureAwait(false);
                }
            }
            catch (InvalidOperationException)
            {
            }

            _process.Dispose();
            Directory.Dispose();
        }

        private static async Task<RegistryInstance> TryStartAsync(string binary, CancellationToken cancellationToken)
        {
            int port = FreePort.Next();
            var dir = new TempDirectory("ocimirror-registry");
            string data = dir.Combine("data");
            System.IO.Directory.CreateDirectory(data);
            string config = dir.Combine("config.yml");
            await File.WriteAllTextAsync(config, string.Join("\n",
                "version: 0.1",
                "log:",
                "  level: warn",
                "  accesslog:",
                "    disabled: true",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + data,
                "  delete:",
                "    enabled: true",
                "  maintenance:",
                "    uploadpurging:",
                "      enabled: false",
                "http:",
                "  addr: 127.0.0.1:" + port,
                string.Empty), cancellationToken).ConfigureAwait(false);

            var output = new StringBuilder();
            var info = new ProcessStartInfo(binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add("serve");
            info.ArgumentList.Add(config);
            var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var instance = new RegistryInstance(process, output, port, dir);

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < StartupLimit)
            {
                if (process.HasExited)
                {
                    string text = instance.Output;
                    int code = process.ExitCode;
                    await instance.DisposeAsync().ConfigureAwait(false);
                    throw new InvalidOperationException($"docker-registry exited with code {code} on port {port}: {text}");
                }

                try
                {
                    using HttpResponseMessage r = await http.GetAsync(instance.BaseUri + "v2/", cancellationToken).ConfigureAwait(false);
                    if (r.IsSuccessStatusCode)
                    {
                        return instance;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }

            string log = instance.Output;
            await instance.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"docker-registry did not answer GET /v2/ on port {port} within {StartupLimit.TotalSeconds} s: {log}");
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line == null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
