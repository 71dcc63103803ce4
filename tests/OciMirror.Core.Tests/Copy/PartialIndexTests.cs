using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Core.Copy;
using OciMirror.Core.Model;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Copy
{
    public class PartialIndexTests
    {
        [Fact]
        public async Task SaysWhichPlatformsTheSourceHolds_LeavingAttestationsOut()
        {
            var all = new MemoryTarget();
            Descriptor amd64 = Fixtures.SimpleImage(all, "amd64");
            Descriptor arm64 = Fixtures.SimpleImage(all, "arm64");
            Descriptor attestation = Fixtures.SimpleImage(all, "attestation");
            Descriptor index = Fixtures.Index(all, false, (amd64, "linux/amd64"), (arm64, "linux/arm64"), (attestation, "unknown/unknown"));
            var saved = new MemoryTarget();
            foreach (Descriptor d in new[] { index, amd64, attestation })
            {
                saved.PutRaw(d, all.Bytes(d.Digest));
            }

            ManifestInfo info = ManifestInfo.Parse(index, all.Bytes(index.Digest));
            PartialIndex partial = await PartialIndex.InspectAsync(saved, info, default);
            PartialIndex whole = await PartialIndex.InspectAsync(all, info, default);
            PartialIndex manifest = await PartialIndex.InspectAsync(saved, ManifestInfo.Parse(amd64, all.Bytes(amd64.Digest)), default);

            Assert.True(partial.IsPartial);
            Assert.Equal(new[] { amd64.Digest }, partial.Platforms.Select(p => p.Digest));
            Assert.Equal(new[] { arm64.Digest }, partial.Absent.Select(p => p.Digest));
            Assert.Equal(new[] { "linux/amd64", "unknown/unknown" }, partial.Present.Select(PartialIndex.Describe));
            Assert.False(whole.IsPartial);
            Assert.False(manifest.IsPartial);
            Assert.Empty(manifest.Present);
        }

        [Fact]
        public void AnAttestationIsKnownByItsAnnotationToo()
        {
            var annotated = new Descriptor(MediaTypes.OciManifest, Digest.Compute(new byte[] { 1 }), 1, new Dictionary<string, string> { ["vnd.docker.reference.type"] = "attestation-manifest" });
            var image = new Descriptor(MediaTypes.OciManifest, Digest.Compute(new byte[] { 1 }), 1, null, new Platform("linux", "amd64"));

            Assert.True(PartialIndex.IsAttestation(annotated));
            Assert.False(PartialIndex.IsAttestation(image));
        }
    }
}
