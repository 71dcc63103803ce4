using System.IO;
using System.Text;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using Xunit;

namespace OciMirror.Core.Tests.Content
{
    public class PushContentTests
    {
        private static readonly byte[] Good = Encoding.ASCII.GetBytes("the right bytes");

        [Fact]
        public async Task AStreamVerifyingTheSameDescriptorIsReadAsIsAndNotDisposed()
        {
            Descriptor d = Descriptor.FromBytes("x", Good);
            var source = new MemoryStream(Good);
            var inner = new VerifyingReadStream(source, d);
            using (Stream s = PushContent.OpenVerified(inner, d))
            {
                Assert.IsNotType<VerifyingReadStream>(s);
                var copy = new MemoryStream();
                await s.CopyToAsync(copy);
                Assert.Equal(Good, copy.ToArray());
            }

            Assert.True(source.CanRead, "the caller's stream was disposed");
        }

        [Fact]
        public async Task AStreamVerifyingAnotherDescriptorIsVerifiedAgain()
        {
            byte[] other = Encoding.ASCII.GetBytes("other bytes, same length");
            Descriptor claimed = Descriptor.FromBytes("x", other);
            Descriptor expected = Descriptor.FromBytes("x", Good);
            using Stream s = PushContent.OpenVerified(new VerifyingReadStream(new MemoryStream(other), claimed), expected);
            OciException e = await Assert.ThrowsAsync<OciException>(() => s.CopyToAsync(Stream.Null));
            Assert.Equal(OciErrorKind.DigestMismatch, e.Kind);
        }

        [Fact]
        public async Task APlainStreamIsVerified()
        {
            Descriptor expected = Descriptor.FromBytes("x", Good);
            byte[] bad = (byte[])Good.Clone();
            bad[0] ^= 0x20;
            using Stream s = PushContent.OpenVerified(new MemoryStream(bad), expected);
            await Assert.ThrowsAsync<OciException>(() => s.CopyToAsync(Stream.Null));
        }
    }
}
