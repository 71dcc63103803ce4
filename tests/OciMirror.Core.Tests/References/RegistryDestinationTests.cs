using OciMirror.Core.Errors;
using OciMirror.Core.References;
using Xunit;

namespace OciMirror.Core.Tests.References
{
    public class RegistryDestinationTests
    {
        [Theory]
        [InlineData("registry.corp.local", "docker.io/library/nginx:1.27", false, "registry.corp.local/library/nginx:1.27")]
        [InlineData("registry.corp.local/mirror", "docker.io/library/nginx:1.27", false, "registry.corp.local/mirror/library/nginx:1.27")]
        [InlineData("registry.corp.local/mirror/", "ghcr.io/org/app:v1", false, "registry.corp.local/mirror/org/app:v1")]
        [InlineData("localhost:5000", "docker.io/library/nginx:1.27", true, "localhost:5000/docker.io/library/nginx:1.27")]
        [InlineData("127.0.0.1:5000/p", "quay.io/a/b:c", true, "127.0.0.1:5000/p/quay.io/a/b:c")]
        public void MapsRepositoryPaths(string destination, string source, bool scoped, string expected)
        {
            RegistryDestination d = RegistryDestination.Parse(destination);
            Assert.Equal(expected, d.Map(Reference.Parse(source), scoped).ToString());
        }

        [Fact]
        public void MapKeepsDigest()
        {
            const string digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
            Reference mapped = RegistryDestination.Parse("r.io").Map(Reference.Parse("ghcr.io/a/b@" + digest), false);
            Assert.Equal("r.io/a/b@" + digest, mapped.ToString());
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("https://r.io", "without a scheme")]
        [InlineData("myrepo", "not a registry host")]
        [InlineData("r.io/Upper", "lowercase")]
        [InlineData("r.io/repo:tag", "no tag or digest")]
        public void RejectsInvalidDestinations(string input, string fragment)
        {
            OciException e = Assert.Throws<OciException>(() => RegistryDestination.Parse(input));
            Assert.Equal(OciErrorKind.InvalidReference, e.Kind);
            Assert.Contains(fragment, e.Message);
            Assert.Contains("'" + input + "'", e.Message);
        }

        [Fact]
        public void UnnamedEntriesUseThePrefixAsRepository()
        {
            Assert.Null(RegistryDestination.Parse("r.io").RepositoryForUnnamed());
            Assert.Equal("r.io/team/app", RegistryDestination.Parse("r.io/team/app").RepositoryForUnnamed()!.ToString());
        }
    }
}
