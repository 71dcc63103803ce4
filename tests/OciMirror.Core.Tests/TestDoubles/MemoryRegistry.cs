using System.Collections.Concurrent;
using OciMirror.Core.Content;
using OciMirror.Core.References;

namespace OciMirror.Core.Tests.TestDoubles
{
    /// <summary>In-memory registries (any host) as an <see cref="IRepositoryProvider"/>; repositories are created on first use and share one <see cref="AccessCounts"/>.</summary>
    public sealed class MemoryRegistry : IRepositoryProvider
    {
        private readonly ConcurrentDictionary<string, MemoryRepository> _repositories = new ConcurrentDictionary<string, MemoryRepository>();

        public AccessCounts Counts { get; } = new AccessCounts();

        /// <summary>Whether mount requests succeed (default true).</summary>
        public bool AllowMount { get; set; } = true;

        public ConcurrentQueue<string> Requested { get; } = new ConcurrentQueue<string>();

        public ITarget GetRepository(Reference repository)
        {
            Requested.Enqueue(repository.Name);
            return Repository(repository.Name);
        }

        /// <summary>The repository <c>registry/path</c>, created when missing.</summary>
        public MemoryRepository Repository(string name)
        {
            Reference r = Reference.ParseRepository(name);
            return _repositories.GetOrAdd(r.Name, _ => new MemoryRepository(this, r.Registry, r.Repository));
        }

        /// <summary>Every repository created so far.</summary>
        public System.Collections.Generic.IReadOnlyCollection<MemoryRepository> AllRepositories() => System.Linq.Enumerable.ToList(_repositories.Values);

        public MemoryRepository? Find(string registry, string repository) =>
            _repositories.TryGetValue(registry + "/" + repository, out MemoryRepository? r) ? r : null;
    }
}
