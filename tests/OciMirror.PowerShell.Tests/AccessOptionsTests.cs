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
        public void Switches_map_to_the_engine_options(bool plainHttp, bool skipCertificateCheck)
        {
            RegistryAccessOptions options = OciRegistryCmdlet.CreateAccessOptions(plainHttp, skipCertificateCheck, null);

            Assert.Equal(plainHttp, options.PlainHttp);
            Assert.Equal(skipCertificateCheck, options.SkipTlsVerify);
        }

        [Fact]
        public void No_credential_means_the_login_files_and_helpers()
        {
            Assert.IsType<OciMirror.Core.Credentials.CredentialResolver>(OciRegistryCmdlet.CreateAccessOptions(false, false, null).Credentials);
        }
    }
}
