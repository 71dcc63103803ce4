using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Mirror
{
    /// <summary>copy and sync usage errors: exit code 2, a message naming the flag, and no request anywhere (the registries named do not exist).</summary>
    public sealed class MirrorCliUsageTests
    {
        [Theory]
        [InlineData("copy", "copy needs --to")]
        [InlineData("copy 127.0.0.1:1/a:1", "copy needs --to")]
        [InlineData("copy 127.0.0.1:1/a:1 127.0.0.1:1/b:1 127.0.0.1:1/c:1", "copy needs --to")]
        [InlineData("copy 127.0.0.1:1/a:1 --to https://127.0.0.1:2", "without a scheme")]
        [InlineData("copy 127.0.0.1:1/a:1 --to 127.0.0.1:2 --password-stdin --dest-password-stdin -u a --dest-username b", "Only one of --password-stdin")]
        [InlineData("copy 127.0.0.1:1/a:1 --to 127.0.0.1:2 --src-creds nopassword", "--src-creds must be USER:PASSWORD")]
        [InlineData("copy 127.0.0.1:1/a:1 --to 127.0.0.1:2 --dest-username bob", "--dest-username needs a password")]
        [InlineData("copy 127.0.0.1:1/a:1 --to 127.0.0.1:2 --src-creds a:b --src-username c", "--src-creds cannot be combined")]
        [InlineData("copy 127.0.0.1:1/a:1 --to 127.0.0.1:2 --dest-key-file k.pem", "--dest-key-file needs --dest-cert-file")]
        [InlineData("copy 127.0.0.1:1/a:1 --to 127.0.0.1:2 --src-no-creds --src-creds a:b", "--src-no-creds cannot be combined")]
        [InlineData("sync --src yaml --to 127.0.0.1:2", "not a transport")]
        [InlineData("sync --src 127.0.0.1:1/a --to 127.0.0.1:2 --semver >=1.x1", "semantic-version range")]
        [InlineData("sync --src 127.0.0.1:1/a --to 127.0.0.1:2 --latest 0", "--latest must be 1 or more")]
        [InlineData("sync --src /tmp/ocimirror-never.yaml --to 127.0.0.1:2", "does not exist")]
        [InlineData("sync --to 127.0.0.1:2", "--src")]
        public async Task UsageErrors_ExitWith2_NamingTheFlag(string commandLine, string message)
        {
            CliResult r = await CliRunner.RunAsync(commandLine.Split(' '));

            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Contains(message, r.StdErr);
            Assert.Equal(string.Empty, r.StdOut);
        }

        [Fact]
        public async Task TlsVerifyFalse_IsAcceptedAsSkopeoSpellsIt()
        {
            // --src-tls-verify=false parses (a nullable bool with '='); the registry is unreachable, so the reference fails with 1, not 2.
            CliResult r = await CliRunner.RunAsync("copy", "127.0.0.1:1/a:1", "--to", "127.0.0.1:2", "--src-tls-verify=false", "--dest-plain-http");

            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.Contains("127.0.0.1:1", r.StdErr);
        }
    }
}
