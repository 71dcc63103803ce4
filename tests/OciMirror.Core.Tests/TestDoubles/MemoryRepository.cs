using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Model;

namespace OciMirror.Core.Tests.TestDoubles
{
    /// <summary>A <see cref="MemoryTarget"/> that is a repository of a <see cref="MemoryRegistry"/>, with cross-repository mount.</summary>
    public sealed class MemoryRepository : MemoryTarget, IBlobMounter
    {
        private readonly MemoryRegistry _registry;

        public MemoryRepository(MemoryRegistry registry, string registryName, string repositoryName)
            : base(registry.Counts)
        {
            _registry = registry;
            RegistryName = registryName;
            RepositoryName = repositoryName;
        }

        public string RegistryName { get; }

        public string RepositoryName { get; }

        public Task<bool> MountAsync(Descriptor blob, string fromRepository, CancellationToken cancellationToken)
        {
            AccessCounts.Add(Counts.MountAttempts, blob.Digest);
            MemoryRepository? from = _registry.Find(RegistryName, fromRepository);
            if (!_registry.AllowMount || from == null || !from.Has(blob.Digest))
            {
                return Task.FromResult(false);
            }

            PutRaw(blob, from.Bytes(blob.Digest));
            AccessCounts.Add(Counts.Mounts, blob.Digest);
            Events.Enqueue("mount:" + blob.Digest);
            return Task.FromResult(true);
        }
    }
}
