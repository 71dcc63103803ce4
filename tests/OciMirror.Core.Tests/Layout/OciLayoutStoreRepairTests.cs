using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;
using Xunit;

namespace OciMirror.Core.Tests.Layout
{
    public class OciLayoutStoreRepairTests
    {
        [Fact]
        public async Task Push_OverATruncatedBlobFile_ReplacesItWithTheVerifiedContent()
        {
            byte[] blob = Enumerable.Range(0, 10000).Select(i => (byte)(i * 7)).ToArray();
            Descriptor descriptor = Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, blob);
            using var fx = new LayoutFixture();
            using OciLayoutStore store = await OciLayoutStore.OpenAsync(fx.Root, LayoutOpenMode.CreateOrOpen, CancellationToken.None);

            // A copy of the bundle that was interrupted (robocopy, a full USB stick) left a short file.
            string file = fx.PathOf("blobs", "sha256", descriptor.Digest.Encoded);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, blob.Take(4096).ToArray());
            Assert.False(await store.ExistsAsync(descriptor, CancellationToken.None));

            await store.PushAsync(descriptor, new MemoryStream(blob), CancellationToken.None);

            Assert.True(await store.ExistsAsync(descriptor, CancellationToken.None));
            Assert.Equal(blob, File.ReadAllBytes(file));
            Assert.Empty(Directory.Exists(fx.PathOf("ingest")) ? Directory.GetFiles(fx.PathOf("ingest")) : new string[0]);
        }
    }
}
