using System.Collections.Generic;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;

namespace OciMirror.Integration.Tests.Referrers
{
    /// <summary>Pushes uploads with the independent raw-HTTP <see cref="CorpusPusher"/>.</summary>
    public static class SignedSetPush
    {
        public static Task PushAsync(ITestRegistry registry, IReadOnlyList<CorpusUpload> uploads) =>
            CorpusPusher.PushAsync(new TestCorpus(uploads, new List<CorpusTag>(), new Dictionary<string, IReadOnlyCollection<string>>()), registry.BaseUri, default);

        /// <summary>The whole set, with the referrers tag-schema indexes when the registry has no referrers API.</summary>
        public static Task PushAsync(ITestRegistry registry, SignedImageSet set) => PushAsync(registry, set.Uploads(tagSchema: !registry.HasReferrersApi));
    }
}
