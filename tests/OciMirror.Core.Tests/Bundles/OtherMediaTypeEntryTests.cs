using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Bundles
{
    /// <summary>
    /// Issue 7 item 5: index.json entries of media types OciMirror does not understand. The fixture is the
    /// image-spec's example index.json (image-layout.md, "index.json file"): an index tagged stable-release, a
    /// ppc64le manifest tagged v1.0, and an <c>application/xml</c> entry with freedesktop AppStream annotations.
    /// Per the spec such an entry MUST NOT generate an error: verify checks its blob when present, ls lists it,
    /// import leaves it out with a warning (or fails only that entry when it is asked for by name), and no
    /// JSON-parser text reaches the user.
    /// </summary>
    public class OtherMediaTypeEntryTests
    {
        private static readonly byte[] AppStream = Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<component type=\"desktop-application\"><id>com.example.app</id></component>\n");

        private readonly RecordingObserver _observer = new RecordingObserver();

        public static IEnumerable<object[]> Forms() => new[] { BundleForm.Directory, BundleForm.TarFile, BundleForm.TgzFile, BundleForm.TgzStream }.Select(f => new object[] { f });

        /// <summary>The spec example; <paramref name="xmlBlob"/> decides what the bundle holds for the xml entry.</summary>
        private static (TestBundle Bundle, Descriptor Index, Descriptor Manifest, Descriptor Xml) SpecExample(byte[]? xmlBlob)
        {
            var b = new TestBundle();
            Descriptor ppc = Fixtures.SimpleImage(b.Content, "ppc64le");
            Descriptor amd = Fixtures.SimpleImage(b.Content, "amd64");
            Descriptor index = Fixtures.Index(b.Content, false, (ppc, "linux/ppc64le"), (amd, "linux/amd64"));
            b.AddRoot(index, null, "stable-release");
            JObject v1 = Fixtures.Json(ppc);
            v1["platform"] = new JObject { ["architecture"] = "ppc64le", ["os"] = "linux" };
            v1["annotations"] = new JObject { ["org.opencontainers.image.ref.name"] = "v1.0" };
            b.AddRawEntry(v1, null);
            Descriptor xml = Descriptor.FromBytes("application/xml", AppStream);
            JObject entry = Fixtures.Json(xml);
            entry["annotations"] = new JObject
            {
                ["org.freedesktop.specifications.metainfo.version"] = "1.0",
                ["org.freedesktop.specifications.metainfo.type"] = "AppStream",
            };
            b.AddRawEntry(entry, xmlBlob);
            return (b, index, ppc, xml);
        }

        private static void AssertNoParserText(IEnumerable<string> texts) =>
            Assert.All(texts, t => Assert.DoesNotMatch("JSON|Unexpected character|line 1, position|Newtonsoft", t ?? string.Empty));

        [Theory]
        [MemberData(nameof(Forms))]
        public async Task Verify_CallsTheSpecExampleValid_AndChecksTheXmlBlobWhenPresent(BundleForm form)
        {
            foreach (bool present in new[] { true, false })
            {
                var (b, _, _, xml) = SpecExample(present ? AppStream : null);
                using var bundle = MaterializedBundle.Create(b, form);

                BundleVerifyReport report = await new BundleVerifyOperation(new BundleRequest { BundlePath = bundle.Path, InputStream = bundle.Stream }).RunAsync(_observer, CancellationToken.None);

                Assert.True(report.IsValid, string.Join("; ", report.LayoutProblems.Concat(report.BadBlobs.Select(p => p.Message))));
                Assert.Equal(new[] { "stable-release", "v1.0", xml.Digest.ToString() }, report.Artifacts.Select(a => a.Reference));
                BundleArtifactCheck check = report.Artifacts[2];
                Assert.Contains("'application/xml' is not an image or index", check.Note);
                Assert.Contains(present ? "digest and size were checked" : "not in the bundle", check.Note);
                Assert.Null(report.Artifacts[0].Note);
            }
        }

        [Theory]
        [MemberData(nameof(Forms))]
        public async Task Verify_CallsACorruptXmlBlobDamaged_WithoutParsingIt(BundleForm form)
        {
            byte[] corrupt = (byte[])AppStream.Clone();
            corrupt[10] ^= 0x20;
            var (b, _, _, xml) = SpecExample(corrupt);
            using var bundle = MaterializedBundle.Create(b, form);

            BundleVerifyReport report = await new BundleVerifyOperation(new BundleRequest { BundlePath = bundle.Path, InputStream = bundle.Stream }).RunAsync(_observer, CancellationToken.None);

            Assert.False(report.IsValid);
            Assert.Equal(BlobProblemKind.DigestMismatch, report.BadBlobs.Single().Kind);
            Assert.Equal(xml.Digest.ToString(), report.BadBlobs.Single().Digest);
            Assert.True(report.Artifacts[0].IsValid && report.Artifacts[1].IsValid && !report.Artifacts[2].IsValid);
            AssertNoParserText(report.BadBlobs.Select(p => p.Message).Concat(report.LayoutProblems));
        }

        [Theory]
        [MemberData(nameof(Forms))]
        public async Task Ls_ListsTheXmlEntryWithItsMediaType(BundleForm form)
        {
            var (b, _, _, xml) = SpecExample(AppStream);
            using var bundle = MaterializedBundle.Create(b, form);

            IReadOnlyList<BundleArtifactInfo> list = await new BundleListOperation(new BundleRequest { BundlePath = bundle.Path, InputStream = bundle.Stream }).RunAsync(_observer, CancellationToken.None);

            Assert.Equal(3, list.Count);
            Assert.Equal(("application/xml", xml.Digest.ToString(), AppStream.LongLength), (list[2].MediaType, list[2].Reference, list[2].Size));
            Assert.Equal(MediaTypes.OciIndex, list[0].MediaType);
        }

        [Theory]
        [MemberData(nameof(Forms))]
        public async Task Import_TakesTheImages_LeavesTheXmlEntryOutWithAWarning(BundleForm form)
        {
            var (b, index, manifest, xml) = SpecExample(AppStream);
            var registry = new MemoryRegistry();
            using var bundle = MaterializedBundle.Create(b, form);

            OperationSummary summary = await new ImportOperation(
                new ImportRequest { BundlePath = bundle.Path, InputStream = bundle.Stream, Destination = "registry.local/app" },
                registry).RunAsync(_observer, CancellationToken.None);

            Assert.Equal(0, summary.Failed);
            Assert.Equal(2, summary.Copied);
            MemoryRepository repository = registry.Repository("registry.local/app");
            Assert.Equal(index.Digest, (await repository.ResolveAsync("stable-release", default)).Digest);
            Assert.Equal(manifest.Digest, (await repository.ResolveAsync("v1.0", default)).Digest);
            Assert.False(repository.Has(xml.Digest));
            Assert.Single(_observer.Logs, l => l.StartsWith("Warning") && l.Contains("'application/xml'") && l.Contains("not imported"));
            AssertNoParserText(_observer.Logs);
        }

        [Theory]
        [MemberData(nameof(Forms))]
        public async Task Import_OfTheXmlEntryByName_FailsThatEntryAlone_WithAClearMessage(BundleForm form)
        {
            var (b, _, _, xml) = SpecExample(AppStream);
            using var bundle = MaterializedBundle.Create(b, form);

            OperationSummary summary = await new ImportOperation(
                new ImportRequest { BundlePath = bundle.Path, InputStream = bundle.Stream, Destination = "registry.local/app", References = new[] { xml.Digest.ToString(), "v1.0" } },
                new MemoryRegistry()).RunAsync(_observer, CancellationToken.None);

            Assert.Equal(1, summary.Copied);
            ArtifactResult failed = summary.Results.Single(r => r.Status == ArtifactStatus.Failed);
            Assert.Equal(OciErrorKind.UnsupportedMediaType, failed.Error!.Kind);
            Assert.Contains("(media type 'application/xml') is not an image or index", failed.Error.Message);
            AssertNoParserText(new[] { failed.Error.Message, failed.Error.RecommendedAction! });
        }

        [Theory]
        [InlineData(BundleForm.Directory)]
        [InlineData(BundleForm.TarFile)]
        [InlineData(BundleForm.TgzFile)]
        public async Task ExportIntoTheBundle_KeepsTheXmlEntryAndItsBlob(BundleForm form)
        {
            var (b, _, _, xml) = SpecExample(AppStream);
            using var kit = new Archive.ArchiveExportKit();
            using var bundle = MaterializedBundle.Create(b, form);

            OperationSummary summary = await kit.ExportAsync(bundle.Path, Archive.ArchiveExportKit.App1);

            Assert.Equal(1, summary.Copied);
            IReadOnlyList<BundleArtifactInfo> list = await new BundleListOperation(new BundleRequest { BundlePath = bundle.Path }).RunAsync(_observer, CancellationToken.None);
            BundleArtifactInfo kept = Assert.Single(list, e => e.MediaType == "application/xml");
            Assert.Equal((xml.Digest.ToString(), AppStream.LongLength), (kept.Digest, kept.Size));
            Assert.Equal(4, list.Count);
            BundleVerifyReport report = await new BundleVerifyOperation(new BundleRequest { BundlePath = bundle.Path }).RunAsync(_observer, CancellationToken.None);
            Assert.True(report.IsValid, string.Join("; ", report.LayoutProblems.Concat(report.BadBlobs.Select(p => p.Message))));
        }
    }
}
