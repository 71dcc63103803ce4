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

        [Theory]
        [InlineData("registry.corp.local", "lab.corp.local:5000/team/app:1.0", "registry.corp.local/lab.corp.local_5000/team/app:1.0")]
        [InlineData("registry.corp.local/m", "localhost:5000/app:1", "registry.corp.local/m/localhost_5000/app:1")]
        [InlineData("r.io", "127.0.0.1:41234/a/b:c", "r.io/127.0.0.1_41234/a/b:c")]
        [InlineData("r.io", "Lab.Corp.Local:5000/app:1", "r.io/lab.corp.local_5000/app:1")]
        public void Scoped_HostWithPort_BecomesAValidPathSegment_ColonAsUnderscore(string destination, string source, string expected)
        {
            Reference mapped = RegistryDestination.Parse(destination).Map(Reference.Parse(source), scoped: true);

            Assert.Equal(expected, mapped.ToString());
            Assert.Equal(Reference.Parse(source).Registry.ToLowerInvariant(), RegistryDestination.SourceRegistryOfScopedSegment(mapped.Repository.Split('/')[destination.Contains("/") ? 1 : 0]));
        }

        [Fact]
        public void Scoped_Ipv6Host_IsRefusedWithAClearError()
        {
            OciException e = Assert.Throws<OciException>(() => RegistryDestination.Parse("r.io").Map(Reference.Parse("[::1]:5000/app:1"), scoped: true));
            Assert.Equal(OciErrorKind.InvalidReference, e.Kind);
            Assert.Contains("[::1]:5000", e.Message);
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
