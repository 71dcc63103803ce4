using Xunit;

namespace OciMirror.Integration.Tests.Corpus
{
    /// <summary>Tests that share registry A with the corpus; they run one after another.</summary>
    [CollectionDefinition(Name)]
    public sealed class RegistryCollection : ICollectionFixture<CorpusFixture>
    {
        public const string Name = "registry";
    }
}
