using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// Turns failed registry responses and transport exceptions into <see cref="OciException"/>. Error
    /// bodies follow distribution-spec v1.1 "Error Codes": <c>{"errors":[{"code","message","detail"}]}</c>.
    /// Only code and message are quoted; no header value ever is.
    /// </summary>
    internal static class RegistryErrorMapper
    {
        private const int MaxErrorBody = 64 * 1024;

        /// <summary>Reads (at most 64 KiB of) the body of a failed response, disposes it, and maps it.</summary>
        public static async Task<OciException> FromResponseAsync(HttpResponseMessage response, RegistryRequest request, bool sentCredentials, CancellationToken cancellationToken)
        {
            using (response)
            {
                var errors = new List<KeyValuePair<string, string>>();
                try
                {
                    string body = await ReadCappedAsync(response, cancellationToken).ConfigureAwait(false);
                    errors = ParseErrors(body);
                }
                catch (Exception e) when (e is IOException || e is HttpRequestException || e is JsonException)
                {
                    // The status alone still says what happened.
                }

                return FromStatus((int)response.StatusCode, response.ReasonPhrase, errors, request, sentCredentials);
            }
        }

        /// <summary>Maps a status and parsed error entries (code, message).</summary>
        public static OciException FromStatus(int status, string? reason, IReadOnlyList<KeyValuePair<string, string>> errors, RegistryRequest request, bool sentCredentials)
        {
            string[] codes = errors.Select(e => e.Key).Where(c => c.Length > 0).ToArray();
            OciErrorKind kind = status switch
            {
                404 => OciErrorKind.NotFound,
                401 => OciErrorKind.AuthenticationFailed,
                403 => OciErrorKind.PermissionDenied,
                408 => OciErrorKind.Timeout,
                429 => OciErrorKind.Unavailable,
                _ when status >= 500 => OciErrorKind.Unavailable,
                _ when codes.Contains("DIGEST_INVALID") || codes.Contains("SIZE_INVALID") => OciErrorKind.DigestMismatch,
                _ => OciErrorKind.ProtocolError,
            };

            string detail = errors.Count == 0 ? string.Empty
                : " (" + string.Join("; ", errors.Select(e => e.Value.Length == 0 ? e.Key : e.Key + ": " + e.Value)) + ")";
            string message = $"Cannot {request.Operation} {Subject(request)}: registry {request.Registry} answered {status} {reason}{detail}.";
            string? action = kind switch
            {
                OciErrorKind.AuthenticationFailed => sentCredentials
                    ? $"Check the user name and password (or token) for {request.Registry}, or run 'docker login {request.Registry}' again."
                    : $"The registry requires credentials: pass them explicitly or run 'docker login {request.Registry}'.",
                OciErrorKind.PermissionDenied => $"Check that the account is allowed to {request.Operation} {Subject(request)}.",
                OciErrorKind.Unavailable => "The registry is overloaded or down; try again later or lower the concurrency.",
                _ => null,
            };
            return new OciException(kind, message)
            {
                Registry = request.Registry,
                StatusCode = status,
                RegistryErrorCodes = codes,
                Reference = request.Reference,
                Digest = request.Digest,
                RecommendedAction = action,
            };
        }

        /// <summary>An authentication failure that happened before any response could be mapped.</summary>
        public static OciException AuthenticationFailed(RegistryRequest request, string why, bool sentCredentials) =>
            new OciException(OciErrorKind.AuthenticationFailed, $"Cannot {request.Operation} {Subject(request)}: {why}.")
            {
                Registry = request.Registry,
                StatusCode = 401,
                Reference = request.Reference,
                Digest = request.Digest,
                RecommendedAction = sentCredentials
                    ? $"Check the user name and password (or token) for {request.Registry}, or run 'docker login {request.Registry}' again."
                    : $"The registry requires credentials: pass them explicitly or run 'docker login {request.Registry}'.",
            };

        /// <summary>Maps a transport exception (after retries) for the request to <paramref name="safeUrl"/>.</summary>
        public static OciException FromException(Exception error, RegistryRequest request, string safeUrl, bool certificateRejected, bool timedOut)
        {
            string cause = Innermost(error);
            if (timedOut)
            {
                return Build(OciErrorKind.Timeout, $"Cannot {request.Operation} {Subject(request)}: {safeUrl} sent no response in time.", request, error,
                    "Check the network path to the registry, or try again later.");
            }

            if (certificateRejected)
            {
                return Build(OciErrorKind.TlsFailed, $"Cannot {request.Operation} {Subject(request)}: the certificate of {safeUrl} is not trusted: {cause}.", request, error,
                    $"If {request.Registry} uses a private CA, pass its certificate with --ca-file (PowerShell: -CertificateAuthorityPath) or put it in certs.d/{request.Registry}/ca.crt; "
                    + "only for a test registry, skip verification with --insecure (-SkipCertificateCheck).");
            }

            if (Tls.TlsFailures.IsTlsLayerFailure(error))
            {
                return Build(OciErrorKind.TlsFailed, $"Cannot {request.Operation} {Subject(request)}: the TLS handshake with {safeUrl} failed: {cause}.", request, error,
                    $"If {request.Registry} requires a client certificate, pass one with --cert-file/--key-file (-ClientCertificatePath/-ClientKeyPath) or certs.d/{request.Registry}/client.cert and client.key; "
                    + "if it serves plain HTTP, use the plain-HTTP option for it (--plain-http, -PlainHttp); otherwise check its TLS configuration.");
            }

            return Build(OciErrorKind.ConnectionFailed, $"Cannot {request.Operation} {Subject(request)}: connecting to registry {request.Registry} at {safeUrl} failed: {cause}.", request, error,
                $"Check that {request.Registry} is reachable from this machine (DNS, proxy, firewall) and that the host and port are right.");
        }

        /// <summary>What a message names: the reference when known, else the registry.</summary>
        public static string Subject(RegistryRequest request) => request.Reference ?? (request.Repository != null ? request.Registry + "/" + request.Repository : request.Registry);

        /// <summary>Parses the distribution error body; unknown shapes give an empty list.</summary>
        public static List<KeyValuePair<string, string>> ParseErrors(string body)
        {
            var result = new List<KeyValuePair<string, string>>();
            if (body.TrimStart().StartsWith("{", StringComparison.Ordinal))
            {
                using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None };
                if (JObject.Load(reader)["errors"] is JArray array)
                {
                    foreach (JObject entry in array.OfType<JObject>())
                    {
                        result.Add(new KeyValuePair<string, string>(
                            entry.Value<string>("code") ?? string.Empty, Trim(entry.Value<string>("message") ?? string.Empty)));
                    }
                }
            }

            return result;
        }

        private static OciException Build(OciErrorKind kind, string message, RegistryRequest request, Exception inner, string action) =>
            new OciException(kind, message, inner)
            {
                Registry = request.Registry,
                Reference = request.Reference,
                Digest = request.Digest,
                RecommendedAction = action,
            };

        private static string Innermost(Exception error)
        {
            Exception e = error;
            while (e.InnerException != null)
            {
                e = e.InnerException;
            }

            return e.Message.TrimEnd('.');
        }

        private static string Trim(string text) => text.Length > 300 ? text.Substring(0, 300) + "…" : text;

        private static async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            if (response.Content == null)
            {
                return string.Empty;
            }

            using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = new byte[MaxErrorBody];
            int total = 0;
            int n;
            while (total < buffer.Length && (n = await stream.ReadAsync(buffer, total, buffer.Length - total, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += n;
            }

            return Encoding.UTF8.GetString(buffer, 0, total);
        }
    }
}
