using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.Archive;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;
using static OciMirror.Core.Tests.Archive.ArchiveExportKit;

namespace OciMirror.Core.Tests.Operations
{
    /// <summary>Export into an existing .tar/.tgz: present references skipped without downloads, only missing blobs added.</summary>
    public sealed class ExportArchiveIncrementalTests : System.IDisposable
    {
        private readonly ArchiveExportKit _kit = new ArchiveExportKit();

        public void Dispose() => _kit.Dispose();

        [Theory]
        [InlineData("bundle.tar")]
        [InlineData("bundle.tgz")]
        public async Task SecondExport_SkipsPresentReferences_WithZeroFetches_AndAddsOnlyMissingBlobs(string file)
        {
            await _kit.ExportAsync(file, App1, Multi);
            List<ArchiveTestUtil.ReadEntry> before = await ReadArchiveAsync(File.ReadAllBytes(_kit.PathOf(file)));
            _kit.Registry.Counts.Reset();
            var observer = new RecordingObserver();

            OperationSummary summary = await _kit.ExportAsync(new ExportRequest { References = All, BundlePath = _kit.PathOf(file) }, observer);

            Assert.Equal(ArtifactStatus.Skipped, observer.ResultFor(App1).Status);
            Assert.Equal(ArtifactStatus.Skipped, observer.ResultFor(Multi).Status);
            Assert.Equal(2, summary.Copied);
            foreach (Digest present in _kit.GraphOf(App1, Multi))
            {
                Assert.Equal(0, AccessCounts.Get(_kit.Registry.Counts.Fetches, present)); // base layer included: shared with app:2
            }

            Assert.All(_kit.Registry.Counts.Fetches.Values, n => Assert.Equal(1, n));
            Assert.Equal(_kit.GraphOf(App2, Other).Except(_kit.GraphOf(App1, Multi)).Count(), _kit.Registry.Counts.Fetches.Count);
            Assert.Equal(new[] { file }, Directory.GetFiles(_kit.Dir).Select(Path.GetFileName));

            List<ArchiveTestUtil.ReadEntry> after = await ReadArchiveAsync(File.ReadAllBytes(_kit.PathOf(file)));
            AssertBundleOrder(after);
            Assert.Equal(after.Take(before.Count - 1).Select(e => e.Name), before.Take(before.Count - 1).Select(e => e.Name)); // old entries first, in their order
            Assert.Equal(_kit.GraphOf(All).Count, after.Count - 2);
            Assert.Equal(new[] { App1, Multi, App2, Other }.OrderBy(n => n), NamesOf(after).Keys.OrderBy(n => n));
        }

        [Fact]
        public async Task EverythingPresent_LeavesTheArchiveUntouched()
        {
            await _kit.ExportAsync("bundle.tgz", All);
            byte[] before = File.ReadAllBytes(_kit.PathOf("bundle.tgz"));
            var stamp = File.GetLastWriteTimeUtc(_kit.PathOf("bundle.tgz"));
            _kit.Registry.Counts.Reset();

            OperationSummary summary = await _kit.ExportAsync("bundle.tgz", All);

            Assert.Equal(4, summary.Skipped);
            Assert.Equal(0, _kit.Registry.Counts.TotalFetches);
            Assert.Equal(before, File.ReadAllBytes(_kit.PathOf("bundle.tgz")));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(_kit.PathOf("bundle.tgz")));
        }

        [Fact]
        public async Task ForeignEntries_AreKept_SameNameIsReplaced_AndAnOldTarBecomesATgz()
        {
            // A tar written by another tool: tag-only name, "./" prefixes, a directory entry, extra files.
            (byte[] manifest, Descriptor foreign) = Layout.LayoutFixture.Manifest("foreign");
            byte[][] children = Layout.LayoutFixture.Children("foreign");
            string staleApp1 = "{\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"digest\":\"" + foreign.Digest + "\",\"size\":" + foreign.Size
                + ",\"annotations\":{\"io.containerd.image.name\":\"" + App1 + "\",\"org.opencontainers.image.ref.name\":\"1\"}}";
            string index = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"digest\":\"" + foreign.Digest + "\",\"size\":" + foreign.Size
                + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"foreign-tag\"}}," + staleApp1 + "],\"x-extra\":true}";
            string old = _kit.PathOf("old.tar");
            using (var stream = File.Create(old))
            using (var tar = new TarWriter(stream))
            {
                await tar.WriteDirectoryAsync("./");
                await tar.WriteFileAsync("./index.json", Encoding.UTF8.GetBytes(index));
                await tar.WriteFileAsync("./manifest.json", Encoding.UTF8.GetBytes("[]"));
                foreach (byte[] child in children)
                {
                    await tar.WriteFileAsync("./blobs/sha256/" + Digest.Compute(child).Encoded, child);
                }

                await tar.WriteFileAsync("./blobs/sha256/" + foreign.Digest.Encoded, manifest);
                await tar.WriteFileAsync("./oci-layout", Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}"));
                await tar.WriteEndAsync();
            }

            File.Move(old, _kit.PathOf("bundle.tgz")); // the extension says tgz; the content is a plain tar
            OperationSummary summary = await _kit.ExportAsync("bundle.tgz", App1);

            Assert.Equal(1, summary.Copied);
            byte[] bytes = File.ReadAllBytes(_kit.PathOf("bundle.tgz"));
            Assert.Equal(0x1f, bytes[0]);
            List<ArchiveTestUtil.ReadEntry> entries = await ReadArchiveAsync(bytes);
            AssertBundleOrder(entries);
            Assert.DoesNotContain(entries, e => e.Name.Contains("manifest.json"));
            Assert.Equal(foreign.Digest, Digest.Parse("sha256:" + entries[3].Name.Substring(13))); // old blobs first, in their order
            Dictionary<string, string> names = NamesOf(entries);
            Assert.Equal(foreign.Digest.ToString(), names["foreign-tag"]);
            Assert.Equal(_kit.V1.Digest.ToString(), names[App1]); // the stale entry of the same name was replaced
            Assert.Equal(2, names.Count);
            Assert.Contains("\"x-extra\":true", Encoding.UTF8.GetString(entries.Last().Data));
        }

        [Fact]
        public async Task AnArchiveWithAForeignDamagedManifest_IsRefused_BeforeAnyDownload()
        {
            string path = _kit.PathOf("bundle.tar");
            using (var stream = File.Create(path))
            using (var tar = new TarWriter(stream))
            {
                await tar.WriteFileAsync("oci-layout", Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}"));
                await tar.WriteFileAsync("blobs/sha256/" + new string('a', 64), Encoding.UTF8.GetBytes("{\"schemaVersion\":2}"));
                await tar.WriteFileAsync("index.json", Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"manifests\":[]}"));
                await tar.WriteEndAsync();
            }

            byte[] before = File.ReadAllBytes(path);
            var e = await Assert.ThrowsAsync<OciException>(() => _kit.ExportAsync("bundle.tar", App1));

            Assert.Equal(OciErrorKind.InvalidDestination, e.Kind);
            Assert.Contains(path, e.Message);
            Assert.Contains("does not match its digest", e.Message);
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Equal(0, _kit.Registry.Counts.TotalFetches);
        }
    }
}
