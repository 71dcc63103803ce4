namespace OciMirror.Integration.Tests.Corpus
{
    /// <summary>A tag of the corpus and the manifest or index it points to.</summary>
    public sealed class CorpusTag
    {
        public CorpusTag(string repository, string tag, CorpusContent root)
        {
            Repository = repository;
            Tag = tag;
            Root = root;
        }

        public string Repository { get; }

        public string Tag { get; }

        public CorpusContent Root { get; }

        public string Digest => Root.Digest;

        /// <summary><c>HOST/repository:tag</c>.</summary>
        public string ReferenceAt(string host) => host + "/" + Repository + ":" + Tag;

        public override string ToString() => Repository + ":" + Tag;
    }
}
