using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Credentials;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry.Auth;

namespace OciMirror.Core.Registry
{
    /// <summary>
    /// What a front end collected for one side of an operation (<c>-Credential</c>/<c>-u -p</c>,
    /// <c>-AuthFile</c>, certificate options, <c>-RegistryConfigPath</c>), turned into
    /// <see cref="RegistryAccessOptions"/> in one place so that the PowerShell module and the CLI behave
    /// alike. Paths must already be file-system paths (PowerShell resolves its provider paths first).
    /// </summary>
    public sealed class RegistryAccessOptionsBuilder
    {
        /// <summary>The explicit credential; wins for every registry. Default null.</summary>
        public RegistryCredential? Credential { get; set; }

        /// <summary>An auth file replacing the default search (see <see cref="CredentialResolverOptions.AuthFile"/>). Default null.</summary>
        public string? AuthFile { get; set; }

        /// <summary>No credentials from auth files, helpers or the explicit credential (skopeo's <c>--no-creds</c>); a config file's host credentials still apply. Default false.</summary>
        public bool Anonymous { get; set; }

        /// <summary>See <see cref="RegistryAccessOptions.AllowHttpFallback"/>.</summary>
        public bool AllowHttpFallback { get; set; }

        /// <summary>Whether credential helpers may run. Default true.</summary>
        public bool UseCredentialHelpers { get; set; } = true;

        /// <summary>See <see cref="RegistryAccessOptions.PlainHttp"/>.</summary>
        public bool PlainHttp { get; set; }

        /// <summary>See <see cref="RegistryAccessOptions.SkipTlsVerify"/>.</summary>
        public bool SkipTlsVerify { get; set; }

        /// <summary>See <see cref="RegistryAccessOptions.CertificateAuthorityFile"/>.</summary>
        public string? CertificateAuthorityFile { get; set; }

        /// <summary>See <see cref="RegistryAccessOptions.CertificateDirectories"/>; null keeps the defaults.</summary>
        public IReadOnlyList<string>? CertificateDirectories { get; set; }

        /// <summary>See <see cref="RegistryAccessOptions.ClientCertificateFile"/>.</summary>
        public string? ClientCertificateFile { get; set; }

        /// <summary>See <see cref="RegistryAccessOptions.ClientKeyFile"/>.</summary>
        public string? ClientKeyFile { get; set; }

        /// <summary>A registry config file (<see cref="RegistryConfigFile"/>) to read into <see cref="RegistryAccessOptions.Hosts"/>. Default null.</summary>
        public string? RegistryConfigFile { get; set; }

        /// <summary>See <see cref="RegistryAccessOptions.ReadTimeout"/>; default 60 s, zero turns it off.</summary>
        public TimeSpan ReadTimeout { get; set; } = RegistryAccessOptions.DefaultReadTimeout;

        /// <summary>Receives which credential source was used (Debug), never a secret. Default none.</summary>
        public ILogSink? Log { get; set; }

        /// <summary>
        /// The options: the config file read and validated, credentials composed as explicit, then host
        /// settings, then <c>REGISTRY_AUTH_FILE</c>/docker/podman files and helpers. Certificate files are
        /// read later, by <see cref="RegistryClient"/>.
        /// </summary>
        /// <exception cref="OciException">InvalidConfiguration: a bad config file (see <see cref="Registry.RegistryConfigFile.LoadAsync"/>), or a key file without a certificate file.</exception>
        public async Task<RegistryAccessOptions> BuildAsync(CancellationToken cancellationToken)
        {
            if (!string.IsNullOrEmpty(ClientKeyFile) && string.IsNullOrEmpty(ClientCertificateFile))
            {
                throw new OciException(OciErrorKind.InvalidConfiguration, $"The client key '{ClientKeyFile}' was given without a client certificate file.")
                {
                    Path = ClientKeyFile,
                    RecommendedAction = "Pass the certificate too (--cert-file, -ClientCertificatePath).",
                };
            }

            IReadOnlyDictionary<string, RegistryHostSettings>? hosts = string.IsNullOrEmpty(RegistryConfigFile) ? null
                : await Registry.RegistryConfigFile.LoadAsync(RegistryConfigFile!, cancellationToken).ConfigureAwait(false);
            CredentialResolver? resolver = Anonymous ? null : new CredentialResolver(new CredentialResolverOptions
            {
                Credential = Credential,
                AuthFile = string.IsNullOrEmpty(AuthFile) ? null : AuthFile,
                UseCredentialHelpers = UseCredentialHelpers,
                Log = Log,
            });
            return new RegistryAccessOptions
            {
                PlainHttp = PlainHttp,
                SkipTlsVerify = SkipTlsVerify,
                AllowHttpFallback = AllowHttpFallback,
                Credentials = resolver,
                CertificateAuthorityFile = string.IsNullOrEmpty(CertificateAuthorityFile) ? null : CertificateAuthorityFile,
                CertificateDirectories = CertificateDirectories,
                ClientCertificateFile = string.IsNullOrEmpty(ClientCertificateFile) ? null : ClientCertificateFile,
                ClientKeyFile = string.IsNullOrEmpty(ClientKeyFile) ? null : ClientKeyFile,
                Hosts = hosts,
                ReadTimeout = ReadTimeout,
            };
        }
    }
}
