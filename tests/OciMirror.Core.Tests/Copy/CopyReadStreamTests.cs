using System.IO;
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
    public class CopyReadStreamTests
    {
        [Fact]
        public async Task DestinationReadingExactlyTheDeclaredSize_NeverGetsTheLastChunkOfCorruptContent()
        {
            Descriptor d = Descriptor.FromBytes(MediaTypes.OciLayerTar, Encoding.UTF8.GetBytes("0123456789"));
            long counted = 0;
            using var stream = new CopyReadStream(new MemoryStream(Encoding.UTF8.GetBytes("01234567xx")), d, "r/x:1", n => counted += n);
            var buffer = new byte[4];

            Assert.Equal(4, await stream.ReadAsync(buffer, 0, 4, CancellationToken.None));
            Assert.Equal(4, await stream.ReadAsync(buffer, 0, 4, CancellationToken.None));
            OciException error = await Assert.ThrowsAsync<OciException>(() => stream.ReadAsync(buffer, 0, 4, CancellationToken.None));

            Assert.Equal(OciErrorKind.DigestMismatch, error.Kind);
            Assert.Equal(ErrorSide.Source, error.Side);
            Assert.Same(error, stream.SourceError);
        }

        [Fact]
        public async Task TrailingBytes_AreRefused()
        {
            Descriptor d = Descriptor.FromBytes(MediaTypes.OciLayerTar, Encoding.UTF8.GetBytes("abc"));
            using var stream = new CopyReadStream(new MemoryStream(Encoding.UTF8.GetBytes("abcd")), d, null, _ => { });

            await Assert.ThrowsAsync<OciException>(() => stream.ReadAsync(new byte[3], 0, 3, CancellationToken.None));
        }

        [Fact]
        public async Task EmptyBlobNeverRead_IsStillVerified()
        {
            Descriptor empty = Descriptor.FromBytes(MediaTypes.OciLayerTar, new byte[0]);
            using var good = new CopyReadStream(new MemoryStream(), empty, null, _ => { });
            await good.EnsureVerifiedAsync(CancellationToken.None);
            Assert.True(good.Verified);

            var lying = new Descriptor(MediaTypes.OciLayerTar, Digest.Compute(new byte[] { 1 }), 0);
            using var bad = new CopyReadStream(new MemoryStream(), lying, null, _ => { });
            await Assert.ThrowsAsync<OciException>(() => bad.EnsureVerifiedAsync(CancellationToken.None));
        }
    }
}
