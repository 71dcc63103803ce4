using System;
using System.IO;
using System.Net.Http;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Copy
{
    /// <summary>Turns whatever a storage throws into an <see cref="OciException"/> that says side, digest and reference.</summary>
    internal static class CopyErrors
    {
        /// <summary>
        /// Returns <paramref name="error"/> as an OciException with <paramref name="side"/>, the digest of
        /// <paramref name="node"/> and <paramref name="reference"/> filled in where it had none. Unexpected
        /// exception types are wrapped (IOException → IOFailed, HttpRequestException → ConnectionFailed…);
        /// the original is the inner exception. Cancellation is not passed here.
        /// </summary>
        public static OciException Wrap(Exception error, ErrorSide side, Descriptor? node, string? reference)
        {
            if (error is OciException oci)
            {
                bool complete = (oci.Side != ErrorSide.None || side == ErrorSide.None)
                    && (oci.Digest != null || node == null)
                    && (oci.Reference != null || reference == null);
                return complete ? oci : new OciException(oci.Kind, oci.Message, oci)
                {
                    Side = oci.Side != ErrorSide.None ? oci.Side : side,
                    Digest = oci.Digest ?? node?.Digest,
                    Reference = oci.Reference ?? reference,
                    Path = oci.Path,
                    Registry = oci.Registry,
                    StatusCode = oci.StatusCode,
                    RegistryErrorCodes = oci.RegistryErrorCodes,
                    RecommendedAction = oci.RecommendedAction,
                };
            }

            OciErrorKind kind = error switch
            {
                HttpRequestException _ => OciErrorKind.ConnectionFailed,
                NotSupportedException _ => OciErrorKind.UnsupportedMediaType,
                TimeoutException _ => OciErrorKind.Timeout,
                _ => OciErrorKind.IOFailed,
            };
            string what = node == null ? string.Empty : $" {node.Digest}";
            string where = side == ErrorSide.None ? string.Empty : $" on the {side.ToString().ToLowerInvariant()}";
            return new OciException(kind, $"Copying{what}{(reference == null ? string.Empty : " of " + reference)} failed{where}: {error.Message}", error)
            {
                Side = side,
                Digest = node?.Digest,
                Reference = reference,
            };
        }

        /// <summary>True for exceptions the copy converts to a per-artifact failure rather than letting through.</summary>
        public static bool IsExpected(Exception error) => error is OciException || error is IOException || error is HttpRequestException
            || error is UnauthorizedAccessException || error is NotSupportedException || error is TimeoutException || error is InvalidDataException;
    }
}
