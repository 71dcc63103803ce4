using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.Archive;
using OciMirror.Core.Tests.Layout;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Bundles
{
    public class TarLayoutReaderTests
    {
        private readonly RecordingObserver _log = new RecordingObserver();

        [Fact]
        public async Task IndexFirst_DotSlashPrefixes_ResolvesAndFetchesInPlace_ConcurrentlyToo()
        {
            var (b, good, victim) = HostileCase.TwoImages();
            b.IndexFirst = true;
            b.Prefix = "./";
            using var bundle = MaterializedBundle.Create(b, BundleForm.TarFile);

            TarLayoutReader reader = await TarLayoutReader.OpenAsync(bundle.Path, _log, CancellationToken.None);

            Assert.Equal(good.Digest, (await reader.ResolveAsync("docker.io/team/good:1", default)).Digest);
            Assert.Equal(victim.Digest, (await reader.ResolveAsync("team/victim:1", default)).Digest);
            Assert.Equal(2, (await reader.ListEntriesAsync(default)).Count);
            var digests = b.Blobs.Select(e => Digest.Parse(e.Name.Replace("blobs/", string.Empty).Replace('/', ':'))).ToList();
            byte[][] fetched = await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => digests).Select(async d =>
                await reader.FetchAllAsync(new Descriptor(string.Empty, d, b.Content.Bytes(d).Length), CancellationToken.None)));
            Assert.Equal(digests.Count * 4, fetched.Length);
            Assert.All(digests, d => Assert.True(reader.ExistsAsync(new Descriptor(string.Empty, d, b.Content.Bytes(d).Length), default).Result));
            Assert.False(await reader.ExistsAsync(new Descriptor(string.Empty, good.Digest, good.Size + 1), default));
        }

        [Theory]
        [InlineData("pax")]
        [InlineData("gnu")]
        public async Task ReadsLayoutsPackedWithGnuTar(string format)
        {
            var (b, good, _) = HostileCase.TwoImages();
            string dir = ArchiveTestUtil.TempDir();
            try
            {
                b.ToDirectory(Path.Combine(dir, "layout"));
                File.WriteAllText(Path.Combine(dir, "layout", "manifest.json"), "[]"); // as docker save writes
                string tar = Path.Combine(dir, "layout.tar");
                var (code, _, err) = ArchiveTestUtil.Run("tar", $"--format={format} -C {Path.Combine(dir, "layout")} -cf {tar} .");
                Assert.True(code == 0, err);

                TarLayoutReader reader = await TarLayoutReader.OpenAsync(tar, _log, CancellationToken.None);

                Assert.Equal(good.Digest, (await reader.ResolveAsync("docker.io/team/good:1", default)).Digest);
                // docker save writes manifest.json next to its layout: skipped without a warning.
                Assert.DoesNotContain(_log.Logs, l => l.StartsWith("Warning"));
                Assert.Contains(_log.Logs, l => l.StartsWith("Verbose") && l.Contains("manifest.json"));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [SkopeoFact]
        public async Task ImportsAnArchiveSkopeoWrote()
        {
            var b = new TestBundle();
            Descriptor root = b.AddImage("app", "docker.io/team/app:v1", "v1");
            string dir = ArchiveTestUtil.TempDir();
            try
            {
                string layout = b.ToDirectory(Path.Combine(dir, "layout"));
                string tar = Path.Combine(dir, "skopeo.tar");
                var (code, _, err) = ArchiveTestUtil.Run(SkopeoFactAttribute.Executable!, $"copy --insecure-policy oci:{layout}:v1 oci-archive:{tar}:v1");
                Assert.True(code == 0, err);
                var registry = new MemoryRegistry();

                OperationSummary summary = await new ImportOperation(new ImportRequest { BundlePath = tar, Destination = "registry.local/team/app" }, registry)
                    .RunAsync(new RecordingObserver(), CancellationToken.None);

                // skopeo may re-serialize the manifest; what it wrote is what must arrive, digest for digest.
                Descriptor written = await (await TarLayoutReader.OpenAsync(tar, null, CancellationToken.None)).ResolveAsync("v1", default);
                Assert.Equal(1, summary.Copied);
                Assert.Equal(written.Digest, (await registry.Repository("registry.local/team/app").ResolveAsync("v1", default)).Digest);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Theory]
        [InlineData(HostileCase.Absolute)]
        [InlineData(HostileCase.DotDot)]
        [InlineData(HostileCase.Symlink)]
        [InlineData(HostileCase.Hardlink)]
        [InlineData(HostileCase.Device)]
        public async Task HostileEntry_IsRefusedAtOpen_NamingIt(string hostile)
        {
            var (b, _, _) = HostileCase.TwoImages();
            b.Blobs.Insert(0, HostileCase.Refused[hostile].Entry);
            using var bundle = MaterializedBundle.FromBytes(b.ToTar(), BundleForm.TarFile);

            OciException e = await Assert.ThrowsAsync<OciException>(() => TarLayoutReader.OpenAsync(bundle.Path, NullLogSink.Instance, CancellationToken.None));

            Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
            Assert.Contains("'" + HostileCase.Refused[hostile].Named + "'", e.Message);
            Assert.Contains(bundle.Path, e.Message);
        }

        [Fact]
        public async Task ArchiveWithoutOciLayout_IsRefused()
        {
            var (b, _, _) = HostileCase.TwoImages();
            byte[] tar = b.ToTar();
            using var bundle = MaterializedBundle.FromBytes(tar.Skip(1024).ToArray(), BundleForm.TarFile); // oci-layout is the first entry (header + one block)

            OciException e = await Assert.ThrowsAsync<OciException>(() => TarLayoutReader.OpenAsync(bundle.Path, NullLogSink.Instance, CancellationToken.None));

            Assert.Contains("oci-layout", e.Message);
        }
    }
}
