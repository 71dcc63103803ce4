namespace OciMirror.Core.Errors
{
    /// <summary>
    /// What went wrong, independent of the front end. The PowerShell module maps each kind to a stable
    /// error id and an ErrorCategory; the CLI maps it to a message and exit code.
    /// </summary>
    public enum OciErrorKind
    {
        /// <summary>A reference, digest or destination string is malformed.</summary>
        InvalidReference,

        /// <summary>A tag, manifest, blob or repository does not exist.</summary>
        NotFound,

        /// <summary>The registry wants credentials we do not have, or rejected them (401).</summary>
        AuthenticationFailed,

        /// <summary>The credentials are valid but not allowed to do this (403).</summary>
        PermissionDenied,

        /// <summary>Content did not match its digest or declared size.</summary>
        DigestMismatch,

        /// <summary>Content is larger than a limit (for example a manifest over 4 MiB).</summary>
        ContentTooLarge,

        /// <summary>A media type or manifest format the engine refuses (Docker schema 1).</summary>
        UnsupportedMediaType,

        /// <summary>A path is not a readable OCI layout, or the layout is corrupt.</summary>
        InvalidLayout,

        /// <summary>A name matches several entries of a bundle; the message lists them.</summary>
        AmbiguousReference,

        /// <summary>The bundle destination cannot be used (an existing file, not writable).</summary>
        InvalidDestination,

        /// <summary>DNS failure, refused or broken connection.</summary>
        ConnectionFailed,

        /// <summary>TLS handshake or certificate validation failed.</summary>
        TlsFailed,

        /// <summary>A request or read timed out.</summary>
        Timeout,

        /// <summary>The registry answered 429 or 503 after retries.</summary>
        Unavailable,

        /// <summary>The registry answered something the distribution spec does not allow.</summary>
        ProtocolError,

        /// <summary>A local file system operation failed.</summary>
        IOFailed,

        /// <summary>The operation was cancelled.</summary>
        Cancelled,

        /// <summary>A settings file (registry config file) is unreadable or invalid; the message names the file, host and field.</summary>
        InvalidConfiguration,

        /// <summary>
        /// The operation would rewrite a manifest or index (a new digest, such as a filtered index) and the
        /// caller asked to preserve digests.
        /// </summary>
        RewriteRefused,

        /// <summary>
        /// A name taken from content (an artifact's file title, an entry of a directory tarball) would write
        /// outside the target directory or through a link: absolute, <c>..</c>, a drive letter, a backslash.
        /// </summary>
        UnsafePath,
    }
}
