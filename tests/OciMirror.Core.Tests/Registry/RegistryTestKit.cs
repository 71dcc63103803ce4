using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Model;
using OciMirror.Core.References;
using OciMirror.Core.Registry;
using OciMirror.Core.Registry.Auth;

namespace OciMirror.Core.Tests.Registry
{
    /// <summary>Builds a client over a fake handler with instant retries, and captures its log.</summary>
    internal sealed class RegistryTestKit : IDisposable
    {
        public const string Host = "registry.test:5000";
        public const string Repo = "team/app";

        public RegistryTestKit(RegistryAccessOptions? options = null, Action<RegistryAccessOptions>? configure = null)
        {
            Options = options ?? new RegistryAccessOptions { PlainHttp = true };
            configure?.Invoke(Options);
            Client = new RegistryClient(Options, Log, Handler);
            Client.Transport.Retry.Delay = (delay, token) =>
            {
                lock (Delays)
                {
                    Delays.Add(delay);
                }

                return Task.CompletedTask;
            };
        }

        public FakeRegistryHandler Handler { get; } = new FakeRegistryHandler();

        public CapturingLog Log { get; } = new CapturingLog();

        public RegistryAccessOptions Options { get; }

        public RegistryClient Client { get; }

        public List<TimeSpan> Delays { get; } = new List<TimeSpan>();

        public string Base => (Options.PlainHttp ? "http://" : "https://") + Host;

        public RegistryRepository Repository(string repository = Repo, string host = Host) =>
            (RegistryRepository)Client.GetRepository(Reference.ParseRepository(host + "/" + repository));

        public static RegistryAccessOptions WithCredential(string user, string password) =>
            new RegistryAccessOptions { PlainHttp = true, Credentials = new StaticCredentialProvider(new RegistryCredential(user, password)) };

        public static Descriptor Blob(string text) => Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, Encoding.UTF8.GetBytes(text));

        public static byte[] ManifestBytes(string marker = "a") =>
            Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"config\":{\"mediaType\":\"" + MediaTypes.OciEmpty
                + "\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},\"layers\":[],\"annotations\":{\"m\":\"" + marker + "\"}}");

        public void Dispose() => Client.Dispose();
    }

    /// <summary>An ILogSink that keeps every line.</summary>
    internal sealed class CapturingLog : ILogSink
    {
        private readonly List<(LogLevel Level, string Message)> _lines = new List<(LogLevel, string)>();

        public IReadOnlyList<(LogLevel Level, string Message)> Lines
        {
            get
            {
                lock (_lines)
                {
                    return _lines.ToList();
                }
            }
        }

        public string All => string.Join("\n", Lines.Select(l => l.Message));

        public void Log(LogLevel level, string message)
        {
            lock (_lines)
            {
                _lines.Add((level, message));
            }
        }
    }
}
