using System;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;

namespace OciMirror.Cli.Output
{
    /// <summary>Turns failures into the stderr text of the CLI: what failed, why, and what to do next.</summary>
    internal static class ErrorText
    {
        /// <summary>
        /// <c>error: SUBJECT: MESSAGE</c> and, when the engine recommends an action, a second line
        /// <c>  hint: ACTION</c>. The subject is the reference or path; it is left out when the message
        /// already names it. Every part is escaped for the terminal (it may quote a bundle or a registry).
        /// </summary>
        public static string Describe(string? subject, OciException error)
        {
            string message = error.Message;
            string head = string.IsNullOrEmpty(subject) || message.IndexOf(subject, StringComparison.Ordinal) >= 0
                ? "error: " + TerminalText.Escape(message)
                : "error: " + TerminalText.Escape(subject) + ": " + TerminalText.Escape(message);
            string? action = error.RecommendedAction ?? DefaultAction(error.Kind);
            return action == null ? head : head + Environment.NewLine + "  hint: " + TerminalText.Escape(action);
        }

        /// <summary>An unusable <c>import --to</c> value (exit code 2).</summary>
        public static string InvalidDestination(OciException error) =>
            "error: " + TerminalText.Escape(error.Message) + Environment.NewLine
            + "  hint: write --to as HOST[:PORT][/PREFIX] without a scheme, for example registry.corp.local or localhost:5000/mirror; add --plain-http for an http:// registry.";

        /// <summary>A usage error line.</summary>
        public static string Usage(string message) => "error: " + TerminalText.Escape(message) + Environment.NewLine + "  hint: run 'ocimirror --help' or 'ocimirror <command> --help' for usage.";

        private static string? DefaultAction(OciErrorKind kind) => kind switch
        {
            OciErrorKind.InvalidReference => "Write the reference as [registry/]repository[:tag][@sha256:digest] in lowercase.",
            OciErrorKind.NotFound => "Check the repository and tag; 'ocimirror tags REPO' lists the tags.",
            OciErrorKind.AuthenticationFailed => "Pass credentials with -u and --password-stdin.",
            OciErrorKind.PermissionDenied => "Use an account that may read (export) or push (import) this repository.",
            OciErrorKind.DigestMismatch => "Retry; if it persists, the registry or a proxy in between serves corrupt content.",
            OciErrorKind.ConnectionFailed => "Check the host and port; add --plain-http for a registry without TLS.",
            OciErrorKind.TlsFailed => "Trust the registry's CA with --ca-file or a certs.d directory (--cert-dir), or pass --insecure (or --plain-http for a registry without TLS).",
            OciErrorKind.InvalidConfiguration => "Fix the file named above (--registry-config).",
            OciErrorKind.Timeout or OciErrorKind.Unavailable => "Retry later or lower --concurrency.",
            OciErrorKind.InvalidLayout => "Point at a bundle: a directory holding an OCI image layout (oci-layout, index.json, blobs/), or a .tar/.tgz of one.",
            OciErrorKind.InvalidDestination => "Choose a directory that is empty, missing, or an existing bundle.",
            _ => null,
        };
    }
}
