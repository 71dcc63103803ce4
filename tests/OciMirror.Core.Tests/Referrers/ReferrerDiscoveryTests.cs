using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Model;
using OciMirror.Core.Referrers;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Referrers
{
    public sealed class ReferrerDiscoveryTests
    {
        private const string Sig = "application/vnd.example.signature";
        private const string Spdx = "application/spdx+json";

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task FindsSignature_Sbom_SignatureOfTheSbom_AndTheCosignTag_ApiOrTagSchema(bool api)
        {
            var repo = new ReferrerRepository { HasApi = api };
            Signed s = Signed.Build(repo, withTagSchema: !api);

            IReadOnlyList<ReferrerRoot> found = await FindAsync(repo, s.Image, ReferrerFilter.All);

            Assert.Equal(new[] { s.Signature, s.Sbom, s.Cosign }.Select(d => d.Digest).OrderBy(d => d.ToString()), found.Where(r => r.Depth == 1).Select(r => r.Referrer.Digest).OrderBy(d => d.ToString()));
            ReferrerRoot deep = Assert.Single(found, r => r.Depth == 2);
            Assert.Equal(s.SbomSignature.Digest, deep.Referrer.Digest);
            Assert.Equal(s.Sbom.Digest, deep.Subject);
            Assert.Equal(ReferrerTags.DigestTags(s.Image.Digest)[0], found.Single(r => r.Referrer.Digest == s.Cosign.Digest).Tag);
            Assert.Equal(api ? ReferrerSource.ReferrersApi : ReferrerSource.TagSchema, found.Single(r => r.Referrer.Digest == s.Sbom.Digest).Source);
            Assert.Equal(api ? 5 : 1, repo.ReferrerQueries.Count); // every found digest is asked once; without the API the first 404 is remembered
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task OneType_IsAskedOfTheRegistry_OrFilteredHere_AndReferrersOfWhatIsLeftOutAreNotFollowed(bool registryFilters)
        {
            var repo = new ReferrerRepository { FiltersByType = registryFilters };
            Signed s = Signed.Build(repo, withTagSchema: false);

            IReadOnlyList<ReferrerRoot> sboms = await FindAsync(repo, s.Image, new ReferrerFilter(true, new[] { Spdx }));
            IReadOnlyList<ReferrerRoot> signatures = await FindAsync(repo, s.Image, new ReferrerFilter(true, new[] { Sig }));

            Assert.Equal(new[] { s.Sbom.Digest }, sboms.Select(r => r.Referrer.Digest));
            Assert.Equal(new[] { s.Signature.Digest }, signatures.Select(r => r.Referrer.Digest));
            Assert.Contains(s.Image.Digest + "?" + Spdx, repo.ReferrerQueries);
        }

        [Fact]
        public async Task None_FindsNothing_AndAsksNothing()
        {
            var repo = new ReferrerRepository();
            Signed s = Signed.Build(repo, withTagSchema: false);

            Assert.Empty(await FindAsync(repo, s.Image, ReferrerFilter.None));
            Assert.Empty(repo.ReferrerQueries);
        }

        [Fact]
        public async Task IndexRoot_ReferrersOfItsPlatformManifestsAreFound()
        {
            var repo = new ReferrerRepository();
            Descriptor amd = Fixtures.SimpleImage(repo, "amd");
            Descriptor arm = Fixtures.SimpleImage(repo, "arm");
            Descriptor index = Fixtures.Index(repo, false, (amd, "linux/amd64"), (arm, "linux/arm64"));
            Descriptor armSbom = Referrer(repo, arm, Spdx, "sbom of arm");

            IReadOnlyList<ReferrerRoot> found = await FindAsync(repo, index, ReferrerFilter.All);

            ReferrerRoot root = Assert.Single(found);
            Assert.Equal(armSbom.Digest, root.Referrer.Digest);
            Assert.Equal(arm.Digest, root.Subject);
        }

        [Fact]
        public async Task AManifestListedAndCosignTagged_IsOneRoot_KeepingTheTag()
        {
            var repo = new ReferrerRepository();
            Descriptor image = Fixtures.SimpleImage(repo, "img");
            Descriptor both = Referrer(repo, image, Sig, "listed and tagged");
            await repo.TagAsync(both, ReferrerTags.DigestTags(image.Digest)[0], CancellationToken.None);

            ReferrerRoot root = Assert.Single(await FindAsync(repo, image, ReferrerFilter.All));

            Assert.Equal(both.Digest, root.Referrer.Digest);
            Assert.Equal(ReferrerTags.DigestTags(image.Digest)[0], root.Tag);
        }

        [Fact]
        public async Task Bundle_EntriesWithASubject_InTheSubjectsRepositoryOrUnnamed()
        {
            var bundle = new MemoryTarget();
            Descriptor image = Fixtures.SimpleImage(bundle, "img");
            Descriptor ours = Referrer(bundle, image, Sig, "ours");
            Descriptor unnamed = Referrer(bundle, image, Sig, "unnamed");
            Descriptor elsewhere = Referrer(bundle, image, Sig, "elsewhere");
            bundle.AddEntry(new BundleEntry(image, "registry.test/team/app:1.0", "1.0"));
            bundle.AddEntry(new BundleEntry(ours, "registry.test/team/app@" + ours.Digest, null));
            bundle.AddEntry(new BundleEntry(unnamed, null, null));
            bundle.AddEntry(new BundleEntry(elsewhere, "registry.test/other/repo@" + elsewhere.Digest, null));
            using var session = new CopySession();

            IReadOnlyList<ReferrerRoot> found = await new ReferrerDiscovery(ReferrerFilter.All, session).FindAsync(bundle, "registry.test/team/app", image, asBundle: true, CancellationToken.None);

            Assert.Equal(new[] { ours.Digest, unnamed.Digest }.OrderBy(d => d.ToString()), found.Select(r => r.Referrer.Digest).OrderBy(d => d.ToString()));
            Assert.All(found, r => Assert.Equal(ReferrerSource.BundleEntry, r.Source));
        }

        internal static Descriptor Referrer(MemoryTarget target, Descriptor subject, string artifactType, string payload)
        {
            Descriptor config = Fixtures.Put(target, MediaTypes.OciEmpty, Encoding.UTF8.GetBytes("{}"));
            Descriptor layer = Fixtures.Blob(target, payload, artifactType);
            return Fixtures.Image(target, config, new[] { layer }, subject: subject, artifactType: artifactType);
        }

        private static async Task<IReadOnlyList<ReferrerRoot>> FindAsync(ReferrerRepository repo, Descriptor root, ReferrerFilter filter)
        {
            using var session = new CopySession();
            return await new ReferrerDiscovery(filter, session).FindAsync(repo, null, root, CancellationToken.None);
        }

        private sealed class Signed
        {
            public Descriptor Image { get; private set; } = null!;

            public Descriptor Signature { get; private set; } = null!;

            public Descriptor Sbom { get; private set; } = null!;

            public Descriptor SbomSignature { get; private set; } = null!;

            public Descriptor Cosign { get; private set; } = null!;

            public static Signed Build(ReferrerRepository repo, bool withTagSchema)
            {
                var s = new Signed { Image = Fixtures.SimpleImage(repo, "app") };
                s.Signature = Referrer(repo, s.Image, Sig, "signature");
                s.Sbom = Referrer(repo, s.Image, Spdx, "sbom");
                s.SbomSignature = Referrer(repo, s.Sbom, Sig, "signature of the sbom");
                Descriptor config = Fixtures.Config(repo, "cosign");
                s.Cosign = Fixtures.Image(repo, config, new[] { Fixtures.Blob(repo, "cosign payload", "application/vnd.dev.cosign.simplesigning.v1+json") });
                repo.TagAsync(s.Cosign, ReferrerTags.DigestTags(s.Image.Digest)[0], CancellationToken.None).GetAwaiter().GetResult();
                if (withTagSchema)
                {
                    TagIndex(repo, s.Image, s.Signature, s.Sbom);
                    TagIndex(repo, s.Sbom, s.SbomSignature);
                }

                return s;
            }

            private static void TagIndex(ReferrerRepository repo, Descriptor subject, params Descriptor[] referrers)
            {
                var manifests = new JArray(referrers.Select(r => JObject.FromObject(ReferrerManifest.Parse(r, repo.Bytes(r.Digest)).ToListingDescriptor())));
                repo.Put(ReferrerTags.TagSchemaTag(subject.Digest), MediaTypes.OciIndex, Encoding.UTF8.GetBytes(new JObject { ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciIndex, ["manifests"] = manifests }.ToString()));
            }
        }
    }
}
