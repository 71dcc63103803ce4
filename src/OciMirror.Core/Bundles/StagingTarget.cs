using OciMirror.Core.Content;

namespace OciMirror.Core.Bundles
{
    /// <summary>A repository of the destination registry that a one-pass import uploads blobs into. Immutable.</summary>
    internal sealed class StagingTarget
    {
        public StagingTarget(IStorage storage, string registry, string repository)
        {
            Storage = storage;
            Registry = registry;
            Repository = repository;
        }

        public IStorage Storage { get; }

        public string Registry { get; }

        /// <summary>The repository path (without the registry).</summary>
        public string Repository { get; }

        public override string ToString() => Registry + "/" + Repository;
    }
}
