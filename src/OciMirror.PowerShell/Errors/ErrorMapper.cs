using System;
using System.Management.Automation;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;

namespace OciMirror.PowerShell.Errors
{
    /// <summary>
    /// Maps engine failures to PowerShell error records: one stable id and <see cref="ErrorCategory"/> per
    /// <see cref="OciErrorKind"/> (the table in powershell-conventions.md A1 "Errors"), the user's input as
    /// target object, and the exception's recommended action or a default per kind. Ids are part of the
    /// public contract (<c>FullyQualifiedErrorId</c>): never derive them from messages, digests or paths.
    /// </summary>
    internal static class ErrorMapper
    {
        /// <summary>Id for an artifact reported as failed without an exception (an engine defect).</summary>
        public const string ArtifactFailedId = "OciArtifactFailed";

        /// <summary>Id for an Import-OciArtifact bundle path that does not exist.</summary>
        public const string PathNotFoundId = "OciPathNotFound";

        /// <summary>Id for a -Path that is not on the FileSystem provider.</summary>
        public const string InvalidPathId = "OciInvalidPath";

        /// <summary>The error for one failed artifact of an export or import; the target is the input as typed.</summary>
        public static OciErrorInfo ForArtifact(ArtifactResult result)
        {
            if (result == null)
            {
                throw new ArgumentNullException(nameof(result));
            }

            if (result.Error == null)
            {
                var missing = new InvalidOperationException($"'{result.Input}' failed and the engine gave no reason.");
                return new OciErrorInfo(missing, ArtifactFailedId, ErrorCategory.InvalidResult, result.Input, null);
            }

            return ForException(result.Error, result.Input);
        }

        /// <summary>The error for <paramref name="exception"/>, about <paramref name="targetObject"/>.</summary>
        public static OciErrorInfo ForException(OciException exception, object? targetObject)
        {
            if (exception == null)
            {
                throw new ArgumentNullException(nameof(exception));
            }

            string? action = string.IsNullOrWhiteSpace(exception.RecommendedAction) ? DefaultAction(exception.Kind) : exception.RecommendedAction;
            return new OciErrorInfo(exception, ErrorId(exception.Kind), Category(exception.Kind), targetObject, action);
        }

        /// <summary>The stable error id of <paramref name="kind"/>.</summary>
        public static string ErrorId(OciErrorKind kind) => kind switch
        {
            OciErrorKind.InvalidReference => "OciInvalidReference",
            OciErrorKind.NotFound => "OciNotFound",
            OciErrorKind.AuthenticationFailed => "OciAuthenticationFailed",
            OciErrorKind.PermissionDenied => "OciPermissionDenied",
            OciErrorKind.DigestMismatch => "OciDigestMismatch",
            OciErrorKind.ContentTooLarge => "OciContentTooLarge",
            OciErrorKind.UnsupportedMediaType => "OciUnsupportedMediaType",
            OciErrorKind.InvalidLayout => "OciInvalidLayout",
            OciErrorKind.AmbiguousReference => "OciAmbiguousReference",
            OciErrorKind.InvalidDestination => "OciInvalidDestination",
            OciErrorKind.ConnectionFailed => "OciConnectionFailed",
            OciErrorKind.TlsFailed => "OciTlsFailed",
            OciErrorKind.Timeout => "OciTimeout",
            OciErrorKind.Unavailable => "OciRegistryUnavailable",
            OciErrorKind.ProtocolError => "OciProtocolError",
            OciErrorKind.IOFailed => "OciIOFailed",
            OciErrorKind.Cancelled => "OciCancelled",
            OciErrorKind.InvalidConfiguration => "OciInvalidConfiguration",
            OciErrorKind.RewriteRefused => "OciRewriteRefused",
            OciErrorKind.UnsafePath => "OciUnsafePath",
            _ => "OciError",
        };

        /// <summary>The <see cref="ErrorCategory"/> of <paramref name="kind"/>; never NotSpecified.</summary>
        public static ErrorCategory Category(OciErrorKind kind) => kind switch
        {
            OciErrorKind.InvalidReference => ErrorCategory.InvalidArgument,
            OciErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            OciErrorKind.AuthenticationFailed => ErrorCategory.AuthenticationError,
            OciErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
            OciErrorKind.DigestMismatch => ErrorCategory.InvalidData,
            OciErrorKind.ContentTooLarge => ErrorCategory.LimitsExceeded,
            OciErrorKind.UnsupportedMediaType => ErrorCategory.InvalidType,
            OciErrorKind.InvalidLayout => ErrorCategory.InvalidData,
            OciErrorKind.AmbiguousReference => ErrorCategory.InvalidArgument,
            OciErrorKind.InvalidDestination => ErrorCategory.InvalidArgument,
            OciErrorKind.ConnectionFailed => ErrorCategory.ConnectionError,
            OciErrorKind.TlsFailed => ErrorCategory.SecurityError,
            OciErrorKind.Timeout => ErrorCategory.OperationTimeout,
            OciErrorKind.Unavailable => ErrorCategory.ResourceUnavailable,
            OciErrorKind.ProtocolError => ErrorCategory.ProtocolError,
            OciErrorKind.IOFailed => ErrorCategory.WriteError,
            OciErrorKind.Cancelled => ErrorCategory.OperationStopped,
            OciErrorKind.InvalidConfiguration => ErrorCategory.InvalidData,
            OciErrorKind.RewriteRefused => ErrorCategory.InvalidOperation,
            OciErrorKind.UnsafePath => ErrorCategory.SecurityError,
            _ => ErrorCategory.InvalidOperation,
        };

        /// <summary>A hint for kinds whose exception carries no recommended action; null when none helps.</summary>
        public static string? DefaultAction(OciErrorKind kind) => kind switch
        {
            OciErrorKind.InvalidReference => "Write the reference as [registry/]repository[:tag][@sha256:digest], for example docker.io/library/nginx:1.27.",
            OciErrorKind.NotFound => "Check the repository and tag; Get-OciTag lists the tags of a repository.",
            OciErrorKind.AuthenticationFailed => "Pass -Credential, or log in with 'docker login' or 'podman login' first.",
            OciErrorKind.PermissionDenied => "Use credentials that are allowed to read (export) or write (import) this repository.",
            OciErrorKind.DigestMismatch => "Run the command again; if it fails again, the registry or the bundle holds corrupt content.",
            OciErrorKind.ContentTooLarge => "The registry served content larger than the engine accepts; check the registry.",
            OciErrorKind.UnsupportedMediaType => "Docker schema 1 and unknown manifest formats cannot be copied; pick another tag.",
            OciErrorKind.InvalidLayout => "Pass a bundle: a directory holding an OCI image layout (oci-layout, index.json, blobs/), or a .tar/.tgz/.tar.zst of one (or the first part of split volumes), as Export-OciArtifact writes.",
            OciErrorKind.AmbiguousReference => "Name the entry by its full reference or digest; the message lists the candidates.",
            OciErrorKind.InvalidDestination => "Pass a directory that can be created or written, or for -Destination host[:port][/prefix].",
            OciErrorKind.ConnectionFailed => "Check the registry host name, port, proxy and firewall; use -PlainHttp for an HTTP-only registry.",
            OciErrorKind.TlsFailed => "Trust the registry's CA with -CertificateAuthorityPath or a certs.d directory, or use -SkipCertificateCheck for a test registry.",
            OciErrorKind.Timeout => "Run the command again; completed content is kept and skipped on the next run.",
            OciErrorKind.Unavailable => "The registry is throttling or down; wait and run the command again.",
            OciErrorKind.ProtocolError => "The registry answered outside the distribution specification; check its version and any proxy in between.",
            OciErrorKind.IOFailed => "Check free disk space and permissions of the bundle path.",
            OciErrorKind.InvalidConfiguration => "Fix the file named in the message (-RegistryConfigPath).",
            _ => null,
        };
    }
}
