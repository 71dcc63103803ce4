namespace OciMirror.Core.Credentials
{
    /// <summary>How the keys of an auth file's <c>auths</c> map are read.</summary>
    public enum AuthFileFormat
    {
        /// <summary>Docker's <c>config.json</c>: every key is reduced to its host[:port] (docker's ConvertToHostname).</summary>
        Docker,

        /// <summary>
        /// containers-auth.json (podman, skopeo, buildah; also <c>REGISTRY_AUTH_FILE</c> and an explicit
        /// auth file): a key without a scheme may name a namespace (<c>quay.io/org/repo</c>), matched
        /// most specific first; a key with a scheme is reduced to its host as in the legacy format.
        /// </summary>
        Containers,
    }
}
