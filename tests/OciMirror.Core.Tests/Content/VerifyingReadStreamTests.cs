using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using Xunit;

namespace OciMirror.Core.Tests.Content
{
    public class VerifyingReadStreamTests
    {
        private static readonly byte[] Data = Encoding.ASCII.GetBytes("hello, registry");

        [Fact]
        public async Task PassesVerifiedContent()
        {
            var d = Descriptor.FromBytes("x", Data);
            using var s = new VerifyingReadStream(new MemoryStream(Data), d);
            var copy = new MemoryStream();
            await s.CopyToAsync(copy);
            Assert.Equal(Data, copy.ToArray());
        }

        [Fact]
        public async Task DetectsCorruptedByte()
        {
            var d = Descriptor.FromBytes("x", Data);
            byte[] bad = (byte[])Data.Clone();
            bad[3] ^= 1;
            using var s = new VerifyingReadStream(new MemoryStream(bad), d) { Subject = "r.io/a:b" };
            OciException e = await Assert.ThrowsAsync<OciException>(() => s.CopyToAsync(Stream.Null));
            Assert.Equal(OciErrorKind.DigestMismatch, e.Kind);
            Assert.Contains(d.Digest.ToString(), e.Message);
            Assert.Contains("r.io/a:b", e.Message);
        }

        [Fact]
        public async Task DetectsShortStream()
        {
            var d = Descriptor.FromBytes("x", Data);
            using var s = new VerifyingReadStream(new MemoryStream(Data, 0, 5), d);
            OciException e = await Assert.ThrowsAsync<OciException>(() => s.CopyToAsync(Stream.Null));
            Assert.Contains("ended after 5", e.Message);
        }

        [Fact]
        public async Task DetectsLongStream()
        {
            var d = Descriptor.FromBytes("x", Data);
            byte[] longer = new byte[Data.Length + 1];
            Data.CopyTo(longer, 0);
            using var s = new VerifyingReadStream(new MemoryStream(longer), d);
            OciException e = await Assert.ThrowsAsync<OciException>(() => s.CopyToAsync(Stream.Null));
            Assert.Contains("more than", e.Message);
        }

        [Fact]
        public async Task FetchAllRefusesOversizedManifestWithoutReading()
        {
            var huge = new Descriptor(MediaTypes.OciManifest, Digest.Compute(Data), OciLimits.MaxManifestBytes + 1);
            var storage = new ThrowingFetchable();
            OciException e = await Assert.ThrowsAsync<OciException>(() => storage.FetchAllAsync(huge, CancellationToken.None));
            Assert.Equal(OciErrorKind.ContentTooLarge, e.Kind);
        }

        private sealed class ThrowingFetchable : IFetchable
        {
            public Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken) => throw new Xunit.Sdk.XunitException("must not fetch");
        }
    }
}
