using System;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Registry.Auth;

namespace OciMirror.Core.Credentials
{
    /// <summary>Settings of one <see cref="CredentialResolver"/> (one side of an operation).</summary>
    public sealed class CredentialResolverOptions
    {
        /// <summary>
        /// An explicit credential (<c>-Credential</c>, <c>-u/-p</c>, <c>--password-stdin</c>) used for every
        /// registry, before any file or helper. Default null.
        /// </summary>
        public RegistryCredential? Credential { get; set; }

        /// <summary>
        /// An explicit auth file (<c>-AuthFile</c>/<c>--authfile</c>, containers-auth.json format). When set,
        /// it replaces the file search: only this file and the helpers it names are consulted, and a
        /// missing file is an error. Default null (search REGISTRY_AUTH_FILE, docker config, podman auth.json).
        /// </summary>
        public string? AuthFile { get; set; }

        /// <summary>Whether credential helpers may run (they need a child process; turn off for Azure Automation sandboxes). Default true.</summary>
        public bool UseCredentialHelpers { get; set; } = true;

        /// <summary>How long a credential helper may run before it is killed. Default 30 s; must be positive.</summary>
        public TimeSpan HelperTimeout { get; set; } = CredentialHelperClient.DefaultTimeout;

        /// <summary>Receives, at Debug level, which source supplied credentials for which registry (never a secret). Default none.</summary>
        public ILogSink? Log { get; set; }
    }
}
