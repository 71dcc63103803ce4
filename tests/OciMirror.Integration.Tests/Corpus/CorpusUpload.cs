namespace OciMirror.Integration.Tests.Corpus
{
    /// <summary>One push of the corpus, in push order: a blob, or a manifest by digest or by tag.</summary>
    public sealed class CorpusUpload
    {
        public CorpusUpload(string repository, CorpusContent content, bool isManifest, string? tag)
        {
            Repository = repository;
            Content = content;
            IsManifest = isManifest;
            Tag = tag;
        }

        public string Repository { get; }

        public CorpusContent Content { get; }

        public bool IsManifest { get; }

        /// <summary>The tag for a tagged manifest; null pushes by digest.</summary>
        public string? Tag { get; }
    }
}
