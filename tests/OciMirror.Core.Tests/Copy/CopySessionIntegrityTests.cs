using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Copy;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Copy
{
    public class CopySessionIntegrityTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        [Fact]
        public async Task CorruptedSourceBlob_FailsWithDigestMismatch_LeavesNothing_AndSiblingSucceeds()
        {
            var source = new MemoryTarget();
            Descriptor bad = Fixtures.Blob(source, "original bytes");
            source.PutRaw(bad, Encoding.UTF8.GetBytes("tampered bytes"));
            Descriptor broken = Fixtures.SimpleImage(source, "broken", bad);
            Descriptor fine = Fixtures.SimpleImage(source, "fine");
            var destination = new MemoryTarget();
            using var session = new CopySession();

            Task<CopyStats> brokenCopy = session.CopyAsync(source, broken, destination, "example.com/broken:1", CancellationToken.None);
            Task<CopyStats> fineCopy = session.CopyAsync(source, fine, destination, "example.com/fine:1", CancellationToken.None);

            OciException error = await Assert.ThrowsAsync<OciException>(() => brokenCopy.WaitAsync(Timeout));
            Assert.Equal(OciErrorKind.DigestMismatch, error.Kind);
            Assert.Equal(ErrorSide.Source, error.Side);
            Assert.Equal(bad.Digest, error.Digest);
            Assert.Equal("example.com/broken:1", error.Reference);
            Assert.False(destination.Has(bad.Digest));
            Assert.False(destination.Has(broken.Digest));
            await fineCopy.WaitAsync(Timeout);
            Assert.True(Fixtures.Graph(source, fine).All(destination.Has));
        }

        [Fact]
        public async Task ManifestOver4MiB_IsRefusedWithoutFetching()
        {
            var source = new MemoryTarget();
            var huge = new Descriptor(MediaTypes.OciManifest, Digest.Compute(new byte[] { 1 }), OciLimits.MaxManifestBytes + 1);
            using var session = new CopySession();

            OciException error = await Assert.ThrowsAsync<OciException>(() => session.CopyAsync(source, huge, new MemoryTarget(), CancellationToken.None));

            Assert.Equal(OciErrorKind.ContentTooLarge, error.Kind);
            Assert.Equal(0, source.Counts.TotalFetches);
        }

        [Fact]
        public async Task DockerSchema1_IsRefused()
        {
            var source = new MemoryTarget();
            Descriptor schema1 = Fixtures.Put(source, MediaTypes.DockerSchema1Signed, Encoding.UTF8.GetBytes("{\"schemaVersion\":1,\"name\":\"x\",\"tag\":\"1\",\"fsLayers\":[]}"));
            var destination = new MemoryTarget();
            using var session = new CopySession();

            OciException error = await Assert.ThrowsAsync<OciException>(() => session.CopyAsync(source, schema1, destination, CancellationToken.None));

            Assert.Equal(OciErrorKind.UnsupportedMediaType, error.Kind);
            Assert.Empty(destination.Digests);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task MultiPlatformIndexAndDockerManifestList_AreCopiedByteIdentical(bool dockerList)
        {
            var source = new MemoryTarget();
            Descriptor amd = Fixtures.Image(source, Fixtures.Config(source, "amd", dockerList ? MediaTypes.DockerConfig : MediaTypes.OciConfig), new[] { Fixtures.Blob(source, "amd", dockerList ? MediaTypes.DockerLayer : MediaTypes.OciLayerTarGzip) }, docker: dockerList);
            Descriptor arm = Fixtures.Image(source, Fixtures.Config(source, "arm", dockerList ? MediaTypes.DockerConfig : MediaTypes.OciConfig), new[] { Fixtures.Blob(source, "arm", dockerList ? MediaTypes.DockerLayer : MediaTypes.OciLayerTarGzip) }, docker: dockerList);
            Descriptor index = Fixtures.Index(source, dockerList, (amd, "linux/amd64"), (arm, "linux/arm64/v8"));
            var destination = new MemoryTarget();
            using var session = new CopySession();

            CopyPlan plan = await session.PlanAsync(source, index, destination, false, CancellationToken.None);
            await session.CopyAsync(source, index, destination, CancellationToken.None);

            Assert.Equal(new[] { "linux/amd64", "linux/arm64/v8" }, plan.Platforms);
            Assert.Equal(7, plan.TotalNodes);
            Assert.Equal(7, plan.MissingNodes);
            foreach (Digest d in Fixtures.Graph(source, index))
            {
                Assert.Equal(source.Bytes(d), destination.Bytes(d));
            }

            Assert.Equal(index.Digest, Digest.Compute(destination.Bytes(index.Digest)));
        }

        [Fact]
        public async Task ArtifactWithCustomMediaTypeAndSubject_CopiesTheSubjectToo()
        {
            var source = new MemoryTarget();
            Descriptor image = Fixtures.SimpleImage(source, "app");
            Descriptor sbomConfig = Fixtures.Put(source, "application/vnd.example.sbom.config+json", Encoding.UTF8.GetBytes("{}"));
            Descriptor sbom = Fixtures.Blob(source, "{\"spdx\":1}", "application/spdx+json");
            Descriptor artifact = Fixtures.Image(source, sbomConfig, new[] { sbom }, subject: image);
            var destination = new MemoryTarget();
            using var session = new CopySession();

            CopyPlan plan = await session.PlanAsync(source, artifact, destination, false, CancellationToken.None);
            await session.CopyAsync(source, artifact, destination, CancellationToken.None);

            Assert.Equal("application/vnd.example.sbom.config+json", plan.RootInfo.ArtifactType);
            Assert.Equal(image, plan.RootInfo.Subject);
            Assert.True(Fixtures.Graph(source, artifact).All(destination.Has));
            Assert.True(Fixtures.Graph(source, image).All(destination.Has));
            Assert.Equal(source.Bytes(artifact.Digest), destination.Bytes(artifact.Digest));
        }

        [Fact]
        public async Task FailedNode_IsRemovedFromTheTracker_SoALaterArtifactRetriesIt()
        {
            var source = new MemoryTarget();
            Descriptor flaky = Fixtures.Blob(source, "flaky");
            Descriptor image = Fixtures.SimpleImage(source, "img", flaky);
            int failures = 1;
            source.BeforeFetch = d =>
            {
                if (d.Digest == flaky.Digest && Interlocked.Exchange(ref failures, 0) == 1)
                {
                    throw new IOException("connection reset");
                }

                return Task.CompletedTask;
            };
            var destination = new MemoryTarget();
            using var session = new CopySession();

            OciException error = await Assert.ThrowsAsync<OciException>(() => session.CopyAsync(source, image, destination, "r/img:1", CancellationToken.None));
            Assert.Equal(OciErrorKind.IOFailed, error.Kind);
            Assert.Equal(ErrorSide.Source, error.Side);
            Assert.Equal(flaky.Digest, error.Digest);
            Assert.IsType<IOException>(error.InnerException);

            await session.CopyAsync(source, image, destination, CancellationToken.None).WaitAsync(Timeout);
            Assert.True(Fixtures.Graph(source, image).All(destination.Has));
        }

        [Fact]
        public void Options_ValidateTheirValues()
        {
            var options = new CopyOptions();
            Assert.Equal(4, options.Concurrency);
            Assert.Equal(OciLimits.MaxManifestBytes, options.MaxManifestBytes);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.Concurrency = 0);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.Concurrency = 65);
            Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxManifestBytes = OciLimits.MaxManifestBytes + 1);
        }

        [Fact]
        public async Task Progress_CountsEveryByteTransferred()
        {
            var source = new MemoryTarget();
            Descriptor image = Fixtures.SimpleImage(source, "img");
            long reported = 0;
            using var session = new CopySession(new CopyOptions { BytesTransferred = n => Interlocked.Add(ref reported, n) });

            CopyStats stats = await session.CopyAsync(source, image, new MemoryTarget(), CancellationToken.None);

            long total = Fixtures.Graph(source, image).Sum(d => (long)source.Bytes(d).Length);
            Assert.Equal(total, stats.BytesCopied);
            Assert.Equal(total, Interlocked.Read(ref reported));
        }
    }
}
