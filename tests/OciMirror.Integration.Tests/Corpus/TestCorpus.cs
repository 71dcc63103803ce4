using System.Collections.Generic;
using System.Linq;

namespace OciMirror.Integration.Tests.Corpus
{
    /// <summary>The built corpus: what to push, in order, and what the tags and their closures are.</summary>
    public sealed class TestCorpus
    {
        private readonly IReadOnlyDictionary<string, IReadOnlyCollection<string>> _closures;

        public TestCorpus(IReadOnlyList<CorpusUpload> uploads, IReadOnlyList<CorpusTag> tags, IReadOnlyDictionary<string, IReadOnlyCollection<string>> closures)
        {
            Uploads = uploads;
            Tags = tags;
            _closures = closures;
        }

        public IReadOnlyList<CorpusUpload> Uploads { get; }

        public IReadOnlyList<CorpusTag> Tags { get; }

        public IEnumerable<string> Repositories => Tags.Select(t => t.Repository).Distinct();

        /// <summary>Every distinct digest (blobs, manifests, indexes) of the corpus.</summary>
        public IReadOnlySet<string> AllDigests => Uploads.Select(u => u.Content.Digest).ToHashSet();

        /// <summary>Every distinct digest that is a blob (config or layer), not a manifest or index.</summary>
        public IReadOnlySet<string> BlobDigests => Uploads.Where(u => !u.IsManifest).Select(u => u.Content.Digest).ToHashSet();

        /// <summary>The digests a tag's root reaches, the root included.</summary>
        public IReadOnlyCollection<string> ClosureOf(CorpusTag tag) => _closures[tag.ToString()];

        public CorpusTag Tag(string repository, string tag) => Tags.Single(t => t.Repository == repository && t.Tag == tag);

        /// <summary>The content with <paramref name="digest"/>.</summary>
        public CorpusContent Content(string digest) => Uploads.First(u => u.Content.Digest == digest).Content;
    }
}
