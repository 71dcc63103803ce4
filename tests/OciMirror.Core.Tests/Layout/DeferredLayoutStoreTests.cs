using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;
using Xunit;

namespace OciMirror.Core.Tests.Layout
{
    public class DeferredLayoutStoreTests
    {
        [Fact]
        public async Task MissingPathIsNotCreatedUntilTheFirstWrite()
        {
            using var fixture = new LayoutFixture();
            string path = fixture.PathOf("new-bundle");
            byte[] blob = new byte[] { 1, 2, 3 };
            Descriptor d = Descriptor.FromBytes("application/octet-stream", blob);
            using (DeferredLayoutStore store = await DeferredLayoutStore.OpenAsync(path, CancellationToken.None))
            {
                Assert.False(await store.ExistsAsync(d, CancellationToken.None));
                OciException e = await Assert.ThrowsAsync<OciException>(() => store.ResolveAsync("docker.io/library/a:b", CancellationToken.None));
                Assert.Equal(OciErrorKind.NotFound, e.Kind);
                Assert.False(Directory.Exists(path));

                await store.PushAsync(d, new MemoryStream(blob), CancellationToken.None);
                Assert.True(File.Exists(Path.Combine(path, "oci-layout")));
                Assert.True(await store.ExistsAsync(d, CancellationToken.None));
            }

            Assert.False(Directory.Exists(Path.Combine(path, "ingest")));
        }

        [Fact]
        public async Task ExistingFileIsRefusedAtOpen()
        {
            using var fixture = new LayoutFixture();
            string path = fixture.PathOf("a-file");
            File.WriteAllText(path, "x");
            OciException e = await Assert.ThrowsAsync<OciException>(() => DeferredLayoutStore.OpenAsync(path, CancellationToken.None));
            Assert.Equal(OciErrorKind.InvalidDestination, e.Kind);
            Assert.Contains(path, e.Message);
        }

        [Fact]
        public async Task ExistingLayoutIsOpenedAtOnce()
        {
            using var fixture = new LayoutFixture();
            string path = fixture.PathOf("b");
            byte[] blob = new byte[] { 9 };
            Descriptor d = Descriptor.FromBytes("application/octet-stream", blob);
            using (OciLayoutStore created = await OciLayoutStore.OpenAsync(path, LayoutOpenMode.CreateOrOpen, CancellationToken.None))
            {
                await created.PushAsync(d, new MemoryStream(blob), CancellationToken.None);
            }

            using DeferredLayoutStore store = await DeferredLayoutStore.OpenAsync(path, CancellationToken.None);
            Assert.True(await store.ExistsAsync(d, CancellationToken.None));
        }
    }
}
