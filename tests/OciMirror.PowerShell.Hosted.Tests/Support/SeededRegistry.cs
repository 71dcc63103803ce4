using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Framework.Tests;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.PowerShell.Hosted.Tests.Support
{
    /// <summary>
    /// docker-registry on 127.0.0.1 seeded through the module itself (Import-OciArtifact of a layout written
    /// byte by byte): <c>fw/app:1.0</c>, <c>:2.0</c>, <c>:multi</c> (an index over two platforms) and
    /// <c>batch/img:1</c> … <c>:12</c> (one small image per tag).
    /// </summary>
    public sealed class SeededRegistry : IAsyncLifetime
    {
        public const int BatchSize = 12;
        private RegistryInstance? _registry;

        public string Host => _registry!.Host;

        /// <summary>Tag of fw/app → digest, from the hand-written layout.</summary>
        public IReadOnlyDictionary<string, string> Digests { get; private set; } = new Dictionary<string, string>();

        public TempDirectory Work { get; } = new TempDirectory("ocimirror-hosted");

        public ModuleSession Session { get; } = new ModuleSession();

        public IEnumerable<string> BatchReferences => Enumerable.Range(1, BatchSize).Select(i => $"{Host}/batch/img:{i}");

        public async Task InitializeAsync()
        {
            _registry = await RegistryInstance.StartAsync();
            Digests = HandMadeLayout.Write(Work.Combine("seed"), 64 * 1024);
            Seed(Work.Combine("seed"), Host);
            for (int i = 1; i <= BatchSize; i++)
            {
                string layout = Work.Combine("batch-" + i);
                HandMadeLayout.WriteSingle(layout, "batch/img", i.ToString(System.Globalization.CultureInfo.InvariantCulture), (byte)(10 + i));
                Seed(layout, Host);
            }
        }

        public async Task DisposeAsync()
        {
            Session.Dispose();
            if (_registry != null)
            {
                await _registry.DisposeAsync();
            }

            Work.Dispose();
        }

        private void Seed(string layout, string destination)
        {
            ScriptRun seeded = Session.Run($"Import-OciArtifact -Path '{layout}' -Destination '{destination}' -PlainHttp");
            if (seeded.Errors.Count > 0 || seeded.Terminating != null)
            {
                throw new InvalidOperationException("seeding the registry failed: " + seeded);
            }
        }
    }
}
