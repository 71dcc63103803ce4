using System.Management.Automation;
using OciMirror.Core.Registry;
using OciMirror.Core.Credentials;
using OciMirror.Core.Registry.Auth;

namespace OciMirror.PowerShell.Common
{
    /// <summary>Base of the cmdlets that talk to a registry: the parameters that say how to reach it.</summary>
    public abstract class OciRegistryCmdlet : OciAsyncCmdlet
    {
        /// <summary>
        /// Credentials used for every registry of the operation; without it, access is anonymous. A user
        /// name of <c>&lt;token&gt;</c> sends the password as an identity (refresh) token, the docker
        /// credential-helper convention.
        /// </summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>Use http:// instead of https:// for the registry.</summary>
        [Parameter]
        public SwitchParameter PlainHttp { get; set; }

        /// <summary>Accept any TLS server certificate (test registries only).</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>The engine's access options for the bound parameters.</summary>
        internal RegistryAccessOptions CreateAccessOptions() =>
            CreateAccessOptions(PlainHttp.IsPresent, SkipCertificateCheck.IsPresent, Credential);

        /// <summary>
        /// The engine's access options. Separate from the parameters because the PowerShellStandard stub
        /// loaded by unit tests cannot hold a <see cref="SwitchParameter"/> value.
        /// </summary>
        internal static RegistryAccessOptions CreateAccessOptions(bool plainHttp, bool skipCertificateCheck, PSCredential? credential) => new RegistryAccessOptions
        {
            PlainHttp = plainHttp,
            SkipTlsVerify = skipCertificateCheck,
            Credentials = CreateCredentialProvider(credential),
        };

        /// <summary>
        /// The credential chain of DESIGN §7: an explicit -Credential first (a user name of
        /// <c>&lt;token&gt;</c> makes the password an identity token), then REGISTRY_AUTH_FILE, docker
        /// config.json, podman auth.json and credential helpers.
        /// </summary>
        private static ICredentialProvider CreateCredentialProvider(PSCredential? credential)
        {
            RegistryCredential? explicitCredential = null;
            if (credential != null && !ReferenceEquals(credential, PSCredential.Empty))
            {
                string password = credential.GetNetworkCredential().Password;
                explicitCredential = credential.UserName == "<token>"
                    ? new RegistryCredential(null, null, identityToken: password)
                    : new RegistryCredential(credential.UserName, password);
            }

            return new CredentialResolver(new CredentialResolverOptions { Credential = explicitCredential });
        }
    }
}
