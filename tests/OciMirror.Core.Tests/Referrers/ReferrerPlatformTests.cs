using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Platforms;
using OciMirror.Core.References;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Referrers
{
    /// <summary>With a platform selection, the referrers of what is copied travel, not those of what is left out.</summary>
    public sealed class ReferrerPlatformTests
    {
        private const string Spdx = "application/spdx+json";
        private const string Sig = "application/vnd.example.signature";

        [Fact]
        public async Task Import_OnePlatform_CarriesItsReferrers_NotThoseOfTheIndexOrTheOtherPlatform()
        {
            var bundle = new MemoryTarget();
            (Descriptor index, Descriptor amd, Descriptor arm) = MultiPlatform(bundle);
            Descriptor indexSignature = ReferrerDiscoveryTests.Referrer(bundle, index, Sig, "signature of the index");
            Descriptor armSbom = ReferrerDiscoveryTests.Referrer(bundle, arm, Spdx, "sbom of arm64");
            Descriptor amdSbom = ReferrerDiscoveryTests.Referrer(bundle, amd, Spdx, "sbom of amd64");
            const string app = "registry.test/team/app";
            bundle.AddEntry(new BundleEntry(index, app + ":1.0", "1.0"));
            foreach (Descriptor r in new[] { indexSignature, armSbom, amdSbom })
            {
                bundle.AddEntry(new BundleEntry(r, app + "@" + r.Digest, null));
            }

            var registry = new MemoryRegistry();
            OperationSummary summary = await new ImportOperation(
                new ImportRequest { BundlePath = "/b", Destination = "registry.local", Platforms = PlatformFilter.Parse(new[] { "linux/arm64" }, false, false) },
                bundle,
                bundle,
                registry).RunAsync(new RecordingObserver(), CancellationToken.None);

            Assert.Equal(new[] { arm.Digest.ToString(), armSbom.Digest.ToString() }, summary.Results.Select(r => r.Digest));
            MemoryRepository repo = registry.Repository("registry.local/team/app");
            Assert.False(repo.Has(index.Digest));
            Assert.False(repo.Has(indexSignature.Digest));
        }

        [Fact]
        public async Task Export_OnePlatform_CarriesTheReferrersOfThatPlatform()
        {
            var source = new ReferrerRepository("registry.test", "team/app");
            (Descriptor index, Descriptor amd, Descriptor arm) = MultiPlatform(source);
            await source.TagAsync(index, "1.0", CancellationToken.None);
            Descriptor armSbom = ReferrerDiscoveryTests.Referrer(source, arm, Spdx, "sbom of arm64");
            ReferrerDiscoveryTests.Referrer(source, amd, Spdx, "sbom of amd64");
            ReferrerDiscoveryTests.Referrer(source, index, Sig, "signature of the index");
            var bundle = new MemoryTarget();

            OperationSummary summary = await new ExportOperation(
                new ExportRequest { References = new[] { "registry.test/team/app:1.0" }, BundlePath = "/b", Platforms = PlatformFilter.Parse(new[] { "linux/arm64" }, false, false) },
                new OneRepository(source),
                bundle).RunAsync(new RecordingObserver(), CancellationToken.None);

            Assert.Equal(new[] { arm.Digest.ToString(), armSbom.Digest.ToString() }, summary.Results.Select(r => r.Digest));
            Assert.Equal(arm.Digest.ToString(), summary.Results[1].ReferrerOf);
        }

        private static (Descriptor Index, Descriptor Amd, Descriptor Arm) MultiPlatform(MemoryTarget target)
        {
            Descriptor amd = Fixtures.SimpleImage(target, "amd64");
            Descriptor arm = Fixtures.SimpleImage(target, "arm64");
            return (Fixtures.Index(target, false, (amd, "linux/amd64"), (arm, "linux/arm64")), amd, arm);
        }

        private sealed class OneRepository : IRepositoryProvider
        {
            private readonly ITarget _repository;

            public OneRepository(ITarget repository) => _repository = repository;

            public ITarget GetRepository(Reference repository) => _repository;
        }
    }
}
