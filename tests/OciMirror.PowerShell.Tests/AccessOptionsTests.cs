using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Registry;
using OciMirror.PowerShell.Common;
using Xunit;

namespace OciMirror.PowerShell.Tests
{
    // The stub SwitchParameter cannot hold a value, so the switch mapping is tested below the parameters.
    public class AccessOptionsTests
    {
        [Theory]
        [InlineData(false, false)]
        [InlineData(true, false)]
        [InlineData(false, true)]
        [InlineData(true, true)]
        public async Task Switches_map_to_the_engine_options(bool plainHttp, bool skipCertificateCheck)
        {
            RegistryAccessOptions options = await OciRegistryCmdlet.CreateAccessBuilder(plainHttp, skipCertificateCheck, null).BuildAsync(CancellationToken.None);

            Assert.Equal(plainHttp, options.PlainHttp);
            Assert.Equal(skipCertificateCheck, options.SkipTlsVerify);
        }

        [Fact]
        public async Task No_credential_means_the_login_files_and_helpers()
        {
            RegistryAccessOptions options = await OciRegistryCmdlet.CreateAccessBuilder(false, false, null).BuildAsync(CancellationToken.None);

            var resolver = Assert.IsType<OciMirror.Core.Credentials.CredentialResolver>(options.Credentials);
            Assert.False(resolver.HasExplicitCredential);
        }
    }
}
