using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Registry;
using OciMirror.Core.Registry.Auth;

namespace OciMirror.Cli
{
    /// <summary>
    /// The registry access flags of one side as given on the command line (null = not given), before
    /// the unprefixed flags and a side's <c>--src-…</c>/<c>--dest-…</c> flags are overlaid. <see cref="Prefix"/>
    /// (<c>""</c>, <c>"src-"</c>, <c>"dest-"</c>) names the flags in error messages.
    /// </summary>
    internal sealed class AccessValues
    {
        public string Prefix { get; set; } = string.Empty;

        public string? Username { get; set; }

        public string? Password { get; set; }

        /// <summary>The password was read from stdin (it is in <see cref="Password"/>).</summary>
        public bool PasswordFromStdin { get; set; }

        /// <summary><c>USER[:PASS]</c> as skopeo's <c>--creds</c>.</summary>
        public string? Creds { get; set; }

        public bool NoCreds { get; set; }

        public string? AuthFile { get; set; }

        public string? CaFile { get; set; }

        /// <summary>certs.d roots or host folders; null = not given (defaults), empty = search off.</summary>
        public string[]? CertDirs { get; set; }

        public string? CertFile { get; set; }

        public string? KeyFile { get; set; }

        public bool? PlainHttp { get; set; }

        public bool? Insecure { get; set; }

        /// <summary>skopeo's <c>--tls-verify</c>: false skips verification and lets a registry without TLS be reached over http.</summary>
        public bool? TlsVerify { get; set; }

        /// <summary><c>--read-timeout</c> in seconds (0 = off); only the unprefixed flag sets it, so both sides share it.</summary>
        public int ReadTimeoutSeconds { get; set; } = 60;

        /// <summary>
        /// This side's values over <paramref name="shared"/>: each flag the side gave wins; credentials are
        /// taken as a whole (the side's user, creds or no-creds replace the shared user and password).
        /// </summary>
        public AccessValues Over(AccessValues shared)
        {
            bool ownCredentials = Username != null || Password != null || Creds != null || NoCreds;
            return new AccessValues
            {
                Prefix = Prefix,
                Username = ownCredentials ? Username : shared.Username,
                Password = ownCredentials ? Password : shared.Password,
                PasswordFromStdin = ownCredentials ? PasswordFromStdin : shared.PasswordFromStdin,
                Creds = ownCredentials ? Creds : shared.Creds,
                NoCreds = NoCreds,
                AuthFile = AuthFile ?? shared.AuthFile,
                CaFile = CaFile ?? shared.CaFile,
                CertDirs = CertDirs ?? shared.CertDirs,
                CertFile = CertFile ?? shared.CertFile,
                KeyFile = CertFile != null ? KeyFile : KeyFile ?? shared.KeyFile,
                PlainHttp = PlainHttp ?? shared.PlainHttp,
                Insecure = Insecure ?? (TlsVerify == null ? shared.Insecure : null),
                TlsVerify = TlsVerify ?? (Insecure == null ? shared.TlsVerify : null),
                ReadTimeoutSeconds = shared.ReadTimeoutSeconds,
            };
        }

        /// <summary>
        /// The engine's access options. Relative paths are taken from the current directory; which credential
        /// source was used goes to <paramref name="log"/> at debug level, never a secret.
        /// </summary>
        /// <exception cref="UsageException">Conflicting or incomplete credential or certificate flags.</exception>
        /// <exception cref="OciMirror.Core.Errors.OciException">InvalidConfiguration: an unusable <c>--registry-config</c> file.</exception>
        public Task<RegistryAccessOptions> BuildAsync(string? registryConfig, ILogSink log, CancellationToken cancellationToken)
        {
            (string? username, string? password) = Credentials();
            if (KeyFile != null && CertFile == null)
            {
                throw new UsageException($"--{Prefix}key-file needs --{Prefix}cert-file.");
            }

            bool skipVerify = Insecure ?? (TlsVerify == false);
            var builder = new RegistryAccessOptionsBuilder
            {
                Credential = string.IsNullOrEmpty(username) ? null : new RegistryCredential(username, password),
                Anonymous = NoCreds,
                AuthFile = FullPath(AuthFile),
                PlainHttp = PlainHttp ?? false,
                SkipTlsVerify = skipVerify,
                AllowHttpFallback = TlsVerify == false,
                CertificateAuthorityFile = FullPath(CaFile),
                CertificateDirectories = CertDirs?.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => FullPath(d)!).ToArray(),
                ClientCertificateFile = FullPath(CertFile),
                ClientKeyFile = FullPath(KeyFile),
                RegistryConfigFile = FullPath(registryConfig),
                ReadTimeout = TimeSpan.FromSeconds(ReadTimeoutSeconds),
                Log = log,
            };
            return builder.BuildAsync(cancellationToken);
        }

        private (string? Username, string? Password) Credentials()
        {
            if (NoCreds && (Username != null || Password != null || Creds != null))
            {
                throw new UsageException($"--{Prefix}no-creds cannot be combined with other credentials of the same side.");
            }

            if (Creds != null)
            {
                if (Username != null || Password != null)
                {
                    throw new UsageException($"--{Prefix}creds cannot be combined with --{Prefix}username/--{Prefix}password.");
                }

                // skopeo: USER[:PASS]; without a password skopeo would prompt, which a batch job cannot.
                int colon = Creds.IndexOf(':');
                if (colon <= 0 || colon == Creds.Length - 1)
                {
                    throw new UsageException($"--{Prefix}creds must be USER:PASSWORD.");
                }

                return (Creds.Substring(0, colon), Creds.Substring(colon + 1));
            }

            string userFlag = Prefix.Length == 0 ? "-u/--username" : $"--{Prefix}username";
            if (Password != null && string.IsNullOrEmpty(Username))
            {
                throw new UsageException($"A password needs a user name: add {userFlag}.");
            }

            if (!string.IsNullOrEmpty(Username) && Password == null)
            {
                throw new UsageException($"{userFlag} needs a password: add {(Prefix.Length == 0 ? "-p/--password" : "--" + Prefix + "password")} or --{Prefix}password-stdin.");
            }

            return (Username, Password);
        }

        private static string? FullPath(string? path) => string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path);
    }
}
