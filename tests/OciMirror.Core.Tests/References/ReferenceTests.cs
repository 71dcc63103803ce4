using OciMirror.Core.Errors;
using OciMirror.Core.References;
using Xunit;

namespace OciMirror.Core.Tests.References
{
    public class ReferenceTests
    {
        private const string D = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        [Theory]
        [InlineData("nginx", "docker.io", "library/nginx", "latest", null, "docker.io/library/nginx:latest")]
        [InlineData("nginx:1.27", "docker.io", "library/nginx", "1.27", null, "docker.io/library/nginx:1.27")]
        [InlineData("library/nginx", "docker.io", "library/nginx", "latest", null, "docker.io/library/nginx:latest")]
        [InlineData("bitnami/redis:7", "docker.io", "bitnami/redis", "7", null, "docker.io/bitnami/redis:7")]
        [InlineData("docker.io/nginx", "docker.io", "library/nginx", "latest", null, "docker.io/library/nginx:latest")]
        [InlineData("index.docker.io/library/nginx:1", "docker.io", "library/nginx", "1", null, "docker.io/library/nginx:1")]
        [InlineData("registry-1.docker.io/library/nginx:1", "docker.io", "library/nginx", "1", null, "docker.io/library/nginx:1")]
        [InlineData("ghcr.io/org/app@" + D, "ghcr.io", "org/app", null, D, "ghcr.io/org/app@" + D)]
        [InlineData("localhost:5000/a/b/c:t", "localhost:5000", "a/b/c", "t", null, "localhost:5000/a/b/c:t")]
        [InlineData("localhost/a", "localhost", "a", "latest", null, "localhost/a:latest")]
        [InlineData("127.0.0.1:5000/x:y", "127.0.0.1:5000", "x", "y", null, "127.0.0.1:5000/x:y")]
        [InlineData("name:tag@" + D, "docker.io", "library/name", "tag", D, "docker.io/library/name:tag@" + D)]
        [InlineData("Registry.Example.COM/app:v1", "registry.example.com", "app", "v1", null, "registry.example.com/app:v1")]
        [InlineData("[::1]:5000/app:v1", "[::1]:5000", "app", "v1", null, "[::1]:5000/app:v1")]
        [InlineData("reg.io/a.b/c_d/e__f/g-h/i--j:T_1.2-x", "reg.io", "a.b/c_d/e__f/g-h/i--j", "T_1.2-x", null, "reg.io/a.b/c_d/e__f/g-h/i--j:T_1.2-x")]
        [InlineData("  nginx:1  ", "docker.io", "library/nginx", "1", null, "docker.io/library/nginx:1")]
        public void ParsesAndNormalizes(string input, string registry, string repository, string? tag, string? digest, string canonical)
        {
            Reference r = Reference.Parse(input);
            Assert.Equal(registry, r.Registry);
            Assert.Equal(repository, r.Repository);
            Assert.Equal(tag, r.Tag);
            Assert.Equal(digest, r.Digest?.ToString());
            Assert.Equal(canonical, r.ToString());
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("   ", "empty")]
        [InlineData("Nginx", "lowercase")]
        [InlineData("docker.io/Library/nginx", "lowercase")]
        [InlineData("nginx:", "tag after ':' is empty")]
        [InlineData("nginx:-bad", "tag '-bad' is not valid")]
        [InlineData("nginx@sha256:abc", "digest 'sha256:abc' is not valid")]
        [InlineData("nginx@md5", "digest 'md5' is not valid")]
        [InlineData("https://ghcr.io/org/app", "scheme")]
        [InlineData("not a ref", "not valid")]
        [InlineData("ghcr.io/", "repository name is empty")]
        [InlineData("ghcr.io/org//app", "empty path component")]
        [InlineData("ghcr.io/org/app_", "is not valid")]
        [InlineData("bad_host:5000/app", "not a valid host")]
        public void RejectsInvalidInputNamingIt(string input, string fragment)
        {
            OciException e = Assert.Throws<OciException>(() => Reference.Parse(input));
            Assert.Equal(OciErrorKind.InvalidReference, e.Kind);
            Assert.Contains("'" + input + "'", e.Message);
            Assert.Contains(fragment, e.Message);
            Assert.Equal(input, e.Reference);
        }

        [Fact]
        public void RejectsOverlongNames()
        {
            string input = "reg.io/" + new string('a', 260);
            OciException e = Assert.Throws<OciException>(() => Reference.Parse(input));
            Assert.Contains("longer than 255", e.Message);
        }

        [Fact]
        public void ResolveTargetPrefersDigest()
        {
            Assert.Equal(D, Reference.Parse("a/b:t@" + D).ResolveTarget);
            Assert.Equal("t", Reference.Parse("a/b:t").ResolveTarget);
        }

        [Fact]
        public void ApiHostOfDockerHubIsRegistry1()
        {
            Assert.Equal("registry-1.docker.io", Reference.Parse("nginx").ApiHost);
            Assert.Equal("ghcr.io", Reference.Parse("ghcr.io/a/b").ApiHost);
        }

        [Fact]
        public void ParseRepositoryKeepsNoDefaultTag()
        {
            Reference r = Reference.ParseRepository("ghcr.io/org/app");
            Assert.Null(r.Tag);
            Assert.Equal("ghcr.io/org/app", r.ToString());
        }

        [Fact]
        public void TryParseReportsError()
        {
            Assert.False(Reference.TryParse("UPPER", out Reference? r, out string? error));
            Assert.Null(r);
            Assert.Contains("UPPER", error);
            Assert.True(Reference.TryParse("a", out r, out error));
            Assert.Equal("docker.io/library/a:latest", r!.ToString());
        }

        [Fact]
        public void WithTagValidates()
        {
            Reference r = Reference.Parse("a:b");
            Assert.Equal("docker.io/library/a:c", r.WithTag("c").ToString());
            Assert.Throws<OciException>(() => r.WithTag("bad tag"));
        }

        [Fact]
        public void EqualityIsOnCanonicalForm()
        {
            Assert.Equal(Reference.Parse("nginx"), Reference.Parse("docker.io/library/nginx:latest"));
            Assert.NotEqual(Reference.Parse("nginx:1"), Reference.Parse("nginx:2"));
        }
    }
}
