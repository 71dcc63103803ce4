using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Corpus
{
    /// <summary>Registry A on 127.0.0.1 with the corpus pushed by the independent raw-HTTP pusher. Shared by the "registry" collection.</summary>
    public sealed class CorpusFixture : IAsyncLifetime
    {
        private RegistryInstance? _registry;

        public RegistryInstance Registry => _registry!;

        public TestCorpus Corpus { get; } = CorpusBuilder.Build();

        public async Task InitializeAsync()
        {
            _registry = await RegistryInstance.StartAsync().ConfigureAwait(false);
            await CorpusPusher.PushAsync(Corpus, _registry.BaseUri, default).ConfigureAwait(false);
        }

        public async Task DisposeAsync()
        {
            if (_registry != null)
            {
                await _registry.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
