using System;
using System.Linq;
using System.Management.Automation;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry;
using OciMirror.Core.Registry.Auth;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Common
{
    /// <summary>
    /// Base of the cmdlets that talk to a registry: the parameters that say how to reach it (credentials,
    /// trust, client certificate, per-registry settings file). They become one
    /// <see cref="RegistryAccessOptions"/> per cmdlet invocation through Core's
    /// <see cref="RegistryAccessOptionsBuilder"/>, shared with the CLI.
    /// </summary>
    public abstract class OciRegistryCmdlet : OciAsyncCmdlet
    {
        private RegistryAccessOptions? _access;

        /// <summary>
        /// Credentials used for every registry of the operation, before any registry settings file, auth
        /// file or credential helper. A user name of <c>&lt;token&gt;</c> sends the password as an identity
        /// (refresh) token, the docker credential-helper convention.
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

        /// <summary>PEM file of CA certificates trusted in addition to the system's, for every registry.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CertificateAuthorityPath { get; set; }

        /// <summary>certs.d roots searched per registry (<c>&lt;root&gt;\&lt;host[:port]&gt;\</c>); replaces the defaults; an empty array turns the search off.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public string[]? CertificateDirectory { get; set; }

        /// <summary>Client certificate for mutual TLS: a .pfx/.p12 without password, or PEM with -ClientKeyPath (PEM needs PowerShell 7).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientCertificatePath { get; set; }

        /// <summary>PEM private key of -ClientCertificatePath.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientKeyPath { get; set; }

        /// <summary>An auth file (containers auth.json / docker config.json format) instead of the default search.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AuthFile { get; set; }

        /// <summary>YAML or JSON file of per-registry settings (CA, client certificate, skip-verify, plain HTTP, credentials).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RegistryConfigPath { get; set; }

        /// <summary>
        /// Seconds a registry may send no data in the middle of a response body (or accept no upload data)
        /// before the transfer fails (a blob download first resumes); a slow trickle never times out.
        /// Default 60; 0 turns it off. The PowerShell 7.4 web cmdlets' name for a per-read stall timeout.
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int OperationTimeoutSeconds { get; set; } = 60;

        /// <summary>
        /// The engine's access options for the bound parameters, built once per invocation: paths resolved
        /// through the provider (PSDrives, relative paths), the registry settings file read. A path that is
        /// not on the FileSystem provider or an unusable settings file is a terminating error.
        /// </summary>
        internal RegistryAccessOptions CreateAccessOptions()
        {
            if (_access != null)
            {
                return _access;
            }

            _access = Build(CreateSharedBuilder());
            return _access;
        }

        /// <summary>The builder for the parameters without a side prefix, paths resolved; a cmdlet with two sides overlays each side on it.</summary>
        internal RegistryAccessOptionsBuilder CreateSharedBuilder()
        {
            RegistryAccessOptionsBuilder builder = CreateAccessBuilder(PlainHttp.IsPresent, SkipCertificateCheck.IsPresent, Credential);
            builder.CertificateAuthorityFile = ResolvePath(CertificateAuthorityPath, nameof(CertificateAuthorityPath));
            builder.CertificateDirectories = ResolvePaths(CertificateDirectory, nameof(CertificateDirectory));
            builder.ClientCertificateFile = ResolvePath(ClientCertificatePath, nameof(ClientCertificatePath));
            builder.ClientKeyFile = ResolvePath(ClientKeyPath, nameof(ClientKeyPath));
            builder.AuthFile = ResolvePath(AuthFile, nameof(AuthFile));
            builder.RegistryConfigFile = ResolvePath(RegistryConfigPath, nameof(RegistryConfigPath));
            builder.ReadTimeout = TimeSpan.FromSeconds(OperationTimeoutSeconds);
            return builder;
        }

        /// <summary>Builds the options (reads the registry settings file); an unusable file is a terminating error.</summary>
        internal RegistryAccessOptions Build(RegistryAccessOptionsBuilder builder)
        {
            try
            {
                // No Log: the credential resolver outlives this pump (it is asked during the operation).
                return RunEngine("Reading registry settings", (observer, token) => builder.BuildAsync(token));
            }
            catch (OciException e)
            {
                throw Terminate(ErrorMapper.ForException(e, e.Path ?? RegistryConfigPath));
            }
        }

        /// <summary>The file-system paths of <paramref name="paths"/> (blank ones dropped); null stays null.</summary>
        internal string[]? ResolvePaths(string[]? paths, string parameter) =>
            paths?.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => ResolvePath(d, parameter)!).ToArray();

        /// <summary>
        /// The options builder for the switches and credential. Separate from the parameters because the
        /// PowerShellStandard stub loaded by unit tests cannot hold a <see cref="SwitchParameter"/> value.
        /// </summary>
        internal static RegistryAccessOptionsBuilder CreateAccessBuilder(bool plainHttp, bool skipCertificateCheck, PSCredential? credential) => new RegistryAccessOptionsBuilder
        {
            PlainHttp = plainHttp,
            SkipTlsVerify = skipCertificateCheck,
            Credential = ExplicitCredential(credential),
        };

        /// <summary>
        /// The explicit credential of -Credential, or null: a user name of <c>&lt;token&gt;</c> makes the
        /// password an identity token. The rest of the chain (DESIGN §7) is the builder's.
        /// </summary>
        internal static RegistryCredential? ExplicitCredential(PSCredential? credential)
        {
            if (credential == null || ReferenceEquals(credential, PSCredential.Empty))
            {
                return null;
            }

            string password = credential.GetNetworkCredential().Password;
            return credential.UserName == "<token>"
                ? new RegistryCredential(null, null, identityToken: password)
                : new RegistryCredential(credential.UserName, password);
        }

        internal string? ResolvePath(string? path, string parameter)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                return null;
            }

            string? resolved = Sink.GetFileSystemPath(path!);
            if (resolved == null)
            {
                var notFileSystem = new ArgumentException($"The -{parameter} path '{path}' is not a file-system path.", parameter);
                throw Terminate(new OciErrorInfo(notFileSystem, ErrorMapper.InvalidPathId, ErrorCategory.InvalidArgument, path, $"Pass -{parameter} as a path on a file-system drive."));
            }

            return resolved;
        }
    }
}
