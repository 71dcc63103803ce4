using System;
using System.Collections.Generic;
using OciMirror.Core.Model;

namespace OciMirror.Core.Errors
{
    /// <summary>
    /// The one exception type the engine throws for expected failures. It carries what a front end
    /// needs to report the failure without parsing text: the kind, the side, the reference or file, the
    /// digest, the registry's HTTP status and error codes, and a recommended action. Messages never
    /// contain credentials or tokens.
    /// </summary>
    public class OciException : Exception
    {
        public OciException(OciErrorKind kind, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            Kind = kind;
        }

        /// <summary>What went wrong.</summary>
        public OciErrorKind Kind { get; }

        /// <summary>Source or destination, when the failure happened during a copy.</summary>
        public ErrorSide Side { get; init; }

        /// <summary>The reference (as the user typed it, or normalized) the failure is about, if any.</summary>
        public string? Reference { get; init; }

        /// <summary>The file or directory the failure is about, if any.</summary>
        public string? Path { get; init; }

        /// <summary>The digest of the content involved, if any.</summary>
        public Digest? Digest { get; init; }

        /// <summary>The registry host involved, if any.</summary>
        public string? Registry { get; init; }

        /// <summary>The HTTP status code of the failing registry response, if any.</summary>
        public int? StatusCode { get; init; }

        /// <summary>Error codes from the registry's JSON error body (distribution spec), if any.</summary>
        public IReadOnlyList<string> RegistryErrorCodes { get; init; } = Array.Empty<string>();

        /// <summary>A sentence telling the user what to try next, or null.</summary>
        public string? RecommendedAction { get; init; }

        /// <summary>
        /// This failure told better: the same side, reference, path, digest, registry, status and registry
        /// codes, with another kind, message and recommended action (and a path when it had none); this
        /// exception is the inner one.
        /// </summary>
        public OciException Restate(OciErrorKind kind, string message, string? recommendedAction, string? path = null) =>
            new OciException(kind, message, this)
            {
                Side = Side,
                Reference = Reference,
                Path = Path ?? path,
                Digest = Digest,
                Registry = Registry,
                StatusCode = StatusCode,
                RegistryErrorCodes = RegistryErrorCodes,
                RecommendedAction = recommendedAction,
            };
    }
}
