using System.Management.Automation;
using OciMirror.Core.Registry;

namespace OciMirror.PowerShell.Common
{
    /// <summary>
    /// Base of the cmdlets that read from one registry and write to another (Copy-OciArtifact,
    /// Sync-OciRegistry): the connection parameters without a prefix apply to both sides, the
    /// <c>-Source…</c>/<c>-Destination…</c> ones replace them for one side (the CLI's <c>--src-…</c>/<c>--dest-…</c>);
    /// and the platform selection of <see cref="OciPlatformCmdlet"/>.
    /// </summary>
    public abstract class OciTwoSidedCmdlet : OciPlatformCmdlet
    {
        /// <summary>Credentials for the source registries only (replaces -Credential there). A user name of <c>&lt;token&gt;</c> sends an identity token.</summary>
        [Parameter]
        [Credential]
        public PSCredential? SourceCredential { get; set; }

        /// <summary>Credentials for the destination registry only (replaces -Credential there).</summary>
        [Parameter]
        [Credential]
        public PSCredential? DestinationCredential { get; set; }

        /// <summary>An auth file for the source side (replaces -AuthFile there).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SourceAuthFile { get; set; }

        /// <summary>An auth file for the destination side (replaces -AuthFile there).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DestinationAuthFile { get; set; }

        /// <summary>A PEM CA bundle for the source side (replaces -CertificateAuthorityPath there).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SourceCertificateAuthorityPath { get; set; }

        /// <summary>A PEM CA bundle for the destination side (replaces -CertificateAuthorityPath there).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DestinationCertificateAuthorityPath { get; set; }

        /// <summary>Certificate folders of the source side: a folder holding *.crt/*.cert/*.key, or a certs.d root (replaces -CertificateDirectory there).</summary>
        [Parameter]
        [AllowEmptyCollection]
        public string[]? SourceCertificateDirectory { get; set; }

        /// <summary>Certificate folders of the destination side (replaces -CertificateDirectory there).</summary>
        [Parameter]
        [AllowEmptyCollection]
        public string[]? DestinationCertificateDirectory { get; set; }

        /// <summary>Accept any TLS certificate of the source registries.</summary>
        [Parameter]
        public SwitchParameter SourceSkipCertificateCheck { get; set; }

        /// <summary>Accept any TLS certificate of the destination registry.</summary>
        [Parameter]
        public SwitchParameter DestinationSkipCertificateCheck { get; set; }

        /// <summary>Use http:// for the source registries.</summary>
        [Parameter]
        public SwitchParameter SourcePlainHttp { get; set; }

        /// <summary>Use http:// for the destination registry.</summary>
        [Parameter]
        public SwitchParameter DestinationPlainHttp { get; set; }

        /// <summary>The access options of the source side: the shared parameters with the -Source… ones laid over them.</summary>
        internal RegistryAccessOptions CreateSourceAccessOptions() =>
            Build(Overlay(CreateSharedBuilder(), SourceCredential, SourceAuthFile, SourceCertificateAuthorityPath, SourceCertificateDirectory, SourceSkipCertificateCheck.IsPresent, SourcePlainHttp.IsPresent, "Source"));

        /// <summary>The access options of the destination side.</summary>
        internal RegistryAccessOptions CreateDestinationAccessOptions() =>
            Build(Overlay(CreateSharedBuilder(), DestinationCredential, DestinationAuthFile, DestinationCertificateAuthorityPath, DestinationCertificateDirectory, DestinationSkipCertificateCheck.IsPresent, DestinationPlainHttp.IsPresent, "Destination"));

        private RegistryAccessOptionsBuilder Overlay(RegistryAccessOptionsBuilder builder, PSCredential? credential, string? authFile, string? caFile, string[]? certificateDirectories, bool skip, bool plainHttp, string side)
        {
            builder.Credential = ExplicitCredential(credential) ?? builder.Credential;
            builder.AuthFile = ResolvePath(authFile, side + nameof(AuthFile)) ?? builder.AuthFile;
            builder.CertificateAuthorityFile = ResolvePath(caFile, side + nameof(CertificateAuthorityPath)) ?? builder.CertificateAuthorityFile;
            builder.CertificateDirectories = ResolvePaths(certificateDirectories, side + nameof(CertificateDirectory)) ?? builder.CertificateDirectories;
            builder.SkipTlsVerify |= skip;
            builder.PlainHttp |= plainHttp;
            return builder;
        }
    }
}
