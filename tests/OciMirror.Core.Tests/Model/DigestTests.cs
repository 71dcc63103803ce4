using System;
using System.Text;
using OciMirror.Core.Model;
using Xunit;

namespace OciMirror.Core.Tests.Model
{
    public class DigestTests
    {
        [Fact]
        public void ComputesSha256OfKnownContent()
        {
            Digest d = Digest.Compute(Encoding.ASCII.GetBytes("abc"));
            Assert.Equal("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", d.ToString());
            Assert.Equal("sha256", d.Algorithm);
            Assert.Equal(64, d.Encoded.Length);
        }

        [Theory]
        [InlineData("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
        [InlineData("sha512:" + "ab" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd")]
        [InlineData("multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8")]
        public void AcceptsValidDigests(string value)
        {
            Assert.True(Digest.TryParse(value, out Digest d));
            Assert.Equal(value, d.ToString());
        }

        [Theory]
        [InlineData(null, "empty")]
        [InlineData("", "empty")]
        [InlineData("sha256", "algorithm:hex")]
        [InlineData("sha256:", "algorithm:hex")]
        [InlineData("SHA256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "algorithm:hex")]
        [InlineData("sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", "lowercase hex")]
        [InlineData("sha256:abc", "64 hex characters")]
        [InlineData("sha256:zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "lowercase hex")]
        public void RejectsInvalidDigests(string? value, string fragment)
        {
            Assert.False(Digest.TryParse(value, out _, out string? error));
            Assert.Contains(fragment, error);
            if (value != null)
            {
                FormatException e = Assert.Throws<FormatException>(() => Digest.Parse(value));
                Assert.Contains("'" + value + "'", e.Message);
            }
        }

        [Fact]
        public void EqualityAndDefault()
        {
            Digest a = Digest.Compute(new byte[] { 1 });
            Digest b = Digest.Parse(a.ToString());
            Assert.Equal(a, b);
            Assert.True(a == b);
            Assert.True(default(Digest).IsEmpty);
            Assert.NotEqual(a, default);
        }

        [Fact]
        public void UnverifiableAlgorithmThrowsOnHasher()
        {
            Digest d = Digest.Parse("multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8");
            Assert.Throws<NotSupportedException>(() => d.CreateHasher());
        }
    }
}
