using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.References;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Operations
{
    /// <summary>Sync's selection with referrers carried: the cosign tags of selected images are left to referrer carrying, nothing else is dropped.</summary>
    public sealed class CarriedDigestTagsTests
    {
        [Fact]
        public async Task CosignTagsOfSelectedImages_AreLeftOut_OtherDigestTagsStay()
        {
            var repo = new MemoryTarget();
            Descriptor image = Put(repo, "image");
            Descriptor other = Put(repo, "other, not selected");
            await repo.TagAsync(image, "1.0", CancellationToken.None);
            string stem = "sha256-" + image.Digest.Encoded;
            string otherSig = "sha256-" + other.Digest.Encoded + ".sig";
            var tags = new (string, Digest?)[] { ("1.0", null), (stem + ".sig", null), (stem + ".att", null), (stem, null), (otherSig, null) };

            var kept = await CarriedDigestTags.RemoveAsync(repo, Reference.ParseRepository("r.io/app"), tags, NullLogSink.Instance, CancellationToken.None);

            Assert.Equal(new[] { "1.0", stem, otherSig }, kept.Select(t => t.Tag));
        }

        [Fact]
        public async Task WithoutCosignTags_NothingIsResolved()
        {
            var repo = new MemoryTarget();
            var tags = new (string, Digest?)[] { ("1.0", null), ("sha256-" + new string('a', 64), null) };

            var kept = await CarriedDigestTags.RemoveAsync(repo, Reference.ParseRepository("r.io/app"), tags, NullLogSink.Instance, CancellationToken.None);

            // 1.0 is not even in the repository: a HEAD for it would have failed the call.
            Assert.Equal(tags.Select(t => t.Item1), kept.Select(t => t.Tag));
        }

        private static Descriptor Put(MemoryTarget repo, string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"x\":\"" + text + "\"}");
            var descriptor = new Descriptor(MediaTypes.OciManifest, Digest.Compute(bytes), bytes.Length);
            repo.PutRaw(descriptor, bytes);
            return descriptor;
        }
    }
}
