using Xunit;

namespace OciMirror.Integration.Tests.Mirror
{
    /// <summary>Tests that share the <see cref="MirrorFixture"/> registries; they run one after another.</summary>
    [CollectionDefinition(Name)]
    public sealed class MirrorCollection : ICollectionFixture<MirrorFixture>
    {
        public const string Name = "mirror";
    }
}
