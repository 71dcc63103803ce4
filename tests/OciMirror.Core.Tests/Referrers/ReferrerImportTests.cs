using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Referrers;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Referrers
{
    /// <summary>How an import splits a bundle into artifacts and the referrers carried after them.</summary>
    public sealed class ReferrerImportTests
    {
        private const string Sig = "application/vnd.example.signature";
        private const string Spdx = "application/spdx+json";
        private const string App = "registry.test/team/app";
        private readonly MemoryTarget _bundle = new MemoryTarget();
        private readonly MemoryRegistry _registry = new MemoryRegistry();
        private readonly RecordingObserver _observer = new RecordingObserver();

        [Fact]
        public async Task Referrers_ComeAfterTheArtifacts_UnnamedOnesUnderTheirSubjectsRepository()
        {
            (Descriptor image, Descriptor signature, Descriptor sbom, Descriptor sbomSignature) = Build();

            OperationSummary summary = await Import(new ImportRequest());

            Assert.Equal(4, summary.Copied);
            Assert.Equal(image.Digest.ToString(), summary.Results[0].Digest);
            Assert.Null(summary.Results[0].ReferrerOf);
            Assert.Equal(new[] { signature.Digest.ToString(), sbom.Digest.ToString() }.OrderBy(d => d), summary.Results.Skip(1).Take(2).Select(r => r.Digest!).OrderBy(d => d));
            Assert.All(summary.Results.Skip(1).Take(2), r => Assert.Equal(image.Digest.ToString(), r.ReferrerOf));
            Assert.Equal(sbomSignature.Digest.ToString(), summary.Results[3].Digest); // depth 2 comes last
            Assert.Equal(sbom.Digest.ToString(), summary.Results[3].ReferrerOf);
            Assert.Equal("registry.local/team/app@" + sbom.Digest, summary.Results.Single(r => r.Digest == sbom.Digest.ToString()).Destination);
            MemoryRepository repo = _registry.Repository("registry.local/team/app");
            Assert.True(repo.Has(signature.Digest) && repo.Has(sbomSignature.Digest));
        }

        [Fact]
        public async Task ReferrersOfReferrers_StartOnlyAfterTheLevelAboveIsReported_SoEachReportsItsOwnTransfer()
        {
            var bundle = new MemoryTarget();
            Descriptor image = Fixtures.SimpleImage(bundle, "app");
            Descriptor sbomLayer = Fixtures.Blob(bundle, "sbom payload", Spdx);
            Descriptor sbom = Fixtures.Image(bundle, Fixtures.Put(bundle, MediaTypes.OciEmpty, System.Text.Encoding.UTF8.GetBytes("{}")), new[] { sbomLayer }, subject: image, artifactType: Spdx);
            Descriptor sbomSignature = ReferrerDiscoveryTests.Referrer(bundle, sbom, Sig, "signature of the sbom");
            bundle.AddEntry(new BundleEntry(image, App + ":1.0", "1.0"));
            bundle.AddEntry(new BundleEntry(sbom, App + "@" + sbom.Digest, null));
            bundle.AddEntry(new BundleEntry(sbomSignature, App + "@" + sbomSignature.Digest, null));
            var signatureAsked = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var events = new OrderObserver(target => { if (target.EndsWith(sbomSignature.Digest.ToString(), System.StringComparison.Ordinal)) { signatureAsked.TrySetResult(true); } });

            // The SBOM's layer is held until its signature is asked (or a hang guard passes): when both ran at
            // once, the signature went first and pushed the SBOM as its subject (seen: the SBOM reported Skipped).
            bundle.BeforeFetch = d => d.Digest == sbomLayer.Digest ? Task.WhenAny(signatureAsked.Task, Task.Delay(1000)) : Task.CompletedTask;
            OperationSummary summary = await new ImportOperation(new ImportRequest { BundlePath = "/b", Destination = "registry.local", Concurrency = 4 }, bundle, bundle, new MemoryRegistry())
                .RunAsync(events, CancellationToken.None);

            Assert.Equal(3, summary.Copied);
            Assert.True(events.Index("done " + sbom.Digest) < events.Index("ask " + sbomSignature.Digest), string.Join("\n", events.Events));
        }

        [Fact]
        public async Task NoReferrers_LeavesThemOut_UnlessNamed()
        {
            (Descriptor image, Descriptor signature, _, _) = Build();

            OperationSummary all = await Import(new ImportRequest { IncludeReferrers = false });
            OperationSummary named = await Import(new ImportRequest { IncludeReferrers = false, References = new[] { signature.Digest.ToString() } });

            Assert.Equal(new[] { image.Digest.ToString() }, all.Results.Select(r => r.Digest));
            Assert.Equal(new[] { signature.Digest.ToString() }, named.Results.Select(r => r.Digest));
        }

        [Fact]
        public async Task NamedImage_CarriesItsReferrers_FilteredByType_TheFilterCuttingWhatHangsBelow()
        {
            (Descriptor image, Descriptor signature, Descriptor sbom, _) = Build();

            OperationSummary signatures = await Import(new ImportRequest { References = new[] { App + ":1.0" }, ReferrerArtifactTypes = new[] { Sig } });

            Assert.Equal(new[] { image.Digest.ToString(), signature.Digest.ToString() }, signatures.Results.Select(r => r.Digest));
            Assert.False(_registry.Repository("registry.local/team/app").Has(sbom.Digest));
        }

        [Fact]
        public async Task Referrer_WhoseSubjectIsNowhere_FailsAlone_SayingSo()
        {
            Descriptor image = Fixtures.SimpleImage(new MemoryTarget(), "elsewhere");
            Descriptor signature = ReferrerDiscoveryTests.Referrer(_bundle, image, Sig, "orphan");
            _bundle.AddEntry(new BundleEntry(signature, App + "@" + signature.Digest, null));
            Descriptor other = Fixtures.SimpleImage(_bundle, "other");
            _bundle.AddEntry(new BundleEntry(other, App + ":2.0", "2.0"));

            OperationSummary summary = await Import(new ImportRequest());

            Assert.Equal(1, summary.Copied);
            ArtifactResult failed = Assert.Single(summary.Results, r => r.Status == ArtifactStatus.Failed);
            Assert.Equal(image.Digest.ToString(), failed.ReferrerOf);
            Assert.Equal(OciErrorKind.NotFound, failed.Error!.Kind);
            Assert.Contains("neither in bundle", failed.Error.Message);
            Assert.False(_registry.Repository("registry.local/team/app").Has(signature.Digest));
        }

        [Fact]
        public async Task Plan_OfAReferrerWhoseSubjectOnlyTheDestinationHas_ReadsItThere()
        {
            var destination = new MemoryTarget();
            Descriptor image = Fixtures.SimpleImage(destination, "in-the-destination");
            Descriptor signature = ReferrerDiscoveryTests.Referrer(_bundle, image, Sig, "travels alone");
            using var session = new CopySession();

            CopyPlan plan = await session.PlanAsync(_bundle, signature, destination, readPresentFromDestination: false, CancellationToken.None);

            Assert.Equal(3, plan.MissingNodes); // manifest, config, layer: the subject is present
            Assert.Equal(image.Digest, plan.RootInfo.Subject!.Digest);
        }

        private (Descriptor Image, Descriptor Signature, Descriptor Sbom, Descriptor SbomSignature) Build()
        {
            Descriptor image = Fixtures.SimpleImage(_bundle, "app");
            Descriptor signature = ReferrerDiscoveryTests.Referrer(_bundle, image, Sig, "signature");
            Descriptor sbom = ReferrerDiscoveryTests.Referrer(_bundle, image, Spdx, "sbom");
            Descriptor sbomSignature = ReferrerDiscoveryTests.Referrer(_bundle, sbom, Sig, "signature of the sbom");
            _bundle.AddEntry(new BundleEntry(image, App + ":1.0", "1.0"));
            _bundle.AddEntry(new BundleEntry(signature, App + "@" + signature.Digest, null));
            _bundle.AddEntry(new BundleEntry(sbom, null, null));
            _bundle.AddEntry(new BundleEntry(sbomSignature, null, null));
            return (image, signature, sbom, sbomSignature);
        }

        private Task<OperationSummary> Import(ImportRequest request)
        {
            request.BundlePath = "/tmp/bundle";
            request.Destination = "registry.local";
            return new ImportOperation(request, _bundle, _bundle, _registry).RunAsync(_observer, CancellationToken.None);
        }

        /// <summary>Keeps ShouldProcess calls and completions in one order.</summary>
        private sealed class OrderObserver : IOperationObserver
        {
            private readonly System.Collections.Concurrent.ConcurrentQueue<string> _events = new System.Collections.Concurrent.ConcurrentQueue<string>();
            private readonly System.Action<string> _asked;

            public OrderObserver(System.Action<string> asked) => _asked = asked;

            public string[] Events => _events.ToArray();

            public int Index(string prefix) => System.Array.FindIndex(Events, e => e.StartsWith(prefix, System.StringComparison.Ordinal));

            public void Log(OciMirror.Core.Diagnostics.LogLevel level, string message)
            {
            }

            public void OnProgress(ProgressSnapshot progress)
            {
            }

            public void OnArtifactCompleted(ArtifactResult result) => _events.Enqueue("done " + result.Digest + " " + result.Status);

            public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken)
            {
                _events.Enqueue("ask " + target.Substring(target.IndexOf('@') + 1));
                _asked(target);
                return Task.FromResult(true);
            }
        }
    }
}
