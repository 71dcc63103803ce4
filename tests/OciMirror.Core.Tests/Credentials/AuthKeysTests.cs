using System.Linq;
using OciMirror.Core.Credentials;
using Xunit;

namespace OciMirror.Core.Tests.Credentials
{
    public class AuthKeysTests
    {
        [Theory]
        [InlineData("https://index.docker.io/v1/", false, "docker.io")]
        [InlineData("https://index.docker.io/v1/", true, "docker.io")]
        [InlineData("index.docker.io", false, "docker.io")]
        [InlineData("docker.io", true, "docker.io")]
        [InlineData("registry-1.docker.io", false, "docker.io")]
        [InlineData("https://registry-1.docker.io/v2/", true, "docker.io")]
        [InlineData("https://host:5000", false, "host:5000")]
        [InlineData("http://host:5000/v1/", true, "host:5000")]
        [InlineData("Host.Example.COM:443", false, "host.example.com:443")]
        [InlineData("quay.io/org/repo", false, "quay.io")]
        [InlineData("quay.io/org/repo", true, "quay.io/org/repo")]
        [InlineData("quay.io/org/", true, "quay.io/org")]
        [InlineData("  ghcr.io  ", false, "ghcr.io")]
        public void NormalizesKeys(string key, bool keepNamespace, string expected) =>
            Assert.Equal(expected, AuthKeys.NormalizeKey(key, keepNamespace));

        [Fact]
        public void CandidatesAreMostSpecificFirst() =>
            Assert.Equal(
                new[] { "reg.io/ns/user/image", "reg.io/ns/user", "reg.io/ns", "reg.io" },
                AuthKeys.Candidates("reg.io", "ns/user/image").ToArray());

        [Theory]
        [InlineData("docker.io", "https://index.docker.io/v1/")]
        [InlineData("index.docker.io", "https://index.docker.io/v1/")]
        [InlineData("registry-1.docker.io", "https://index.docker.io/v1/")]
        [InlineData("localhost:5000", "localhost:5000")]
        [InlineData("ghcr.io", "ghcr.io")]
        public void HelperServerUrl(string registry, string expected) => Assert.Equal(expected, AuthKeys.HelperServerUrl(registry));
    }
}
