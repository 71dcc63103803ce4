using System;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry.Auth;

namespace OciMirror.Core.Credentials
{
    /// <summary>Turns a helper's exit code and output into a credential, null, or an error without secrets.</summary>
    internal static class CredentialHelperResponse
    {
        private const string TokenUser = "<token>";
        private const int MaxErrorLength = 200;

        public static RegistryCredential? Interpret(ProcessRunResult result, string executable, string registry)
        {
            if (result.ExitCode != 0)
            {
                // docker-credential-helpers report errors on stdout with exit code 1; "credentials not found
                // in native keychain" (ErrCredentialsNotFound) means there is nothing stored: anonymous.
                string text = result.StandardOutput + "\n" + result.StandardError;
                if (text.IndexOf("credentials not found", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return null;
                }

                throw CredentialHelperClient.Fail(
                    OciErrorKind.AuthenticationFailed,
                    registry,
                    $"The credential helper '{executable}' failed for '{registry}' with exit code {result.ExitCode}{Describe(result)}.",
                    "Run the helper by hand ('echo <server> | " + executable + " get') to see what it needs.");
            }

            JObject? answer = null;
            try
            {
                using var reader = new JsonTextReader(new StringReader(result.StandardOutput)) { DateParseHandling = DateParseHandling.None };
                answer = JToken.ReadFrom(reader) as JObject;
            }
            catch (JsonReaderException)
            {
                // Falls through to the error below; the reader's message would quote the output.
            }

            JToken? secretToken = answer?.GetValue("Secret", StringComparison.OrdinalIgnoreCase);
            JToken? userToken = answer?.GetValue("Username", StringComparison.OrdinalIgnoreCase);
            if (answer == null || secretToken?.Type != JTokenType.String || (userToken != null && userToken.Type != JTokenType.String && userToken.Type != JTokenType.Null))
            {
                throw CredentialHelperClient.Fail(
                    OciErrorKind.AuthenticationFailed,
                    registry,
                    $"The credential helper '{executable}' answered for '{registry}' with output that is not the expected JSON object {{\"ServerURL\",\"Username\",\"Secret\"}} ({result.StandardOutput.Length} characters, not shown).",
                    "Check that the helper implements the docker credential helper protocol.");
            }

            string secret = (string)secretToken!;
            string? username = (string?)userToken;
            if (string.IsNullOrEmpty(secret) && string.IsNullOrEmpty(username))
            {
                return null;
            }

            return username == TokenUser
                ? new RegistryCredential(null, null, identityToken: secret)
                : new RegistryCredential(username, secret);
        }

        // Only the first line of a failing helper's message, shortened: enough to diagnose ("pass not
        // initialized"), and a failing helper has no secret to print.
        private static string Describe(ProcessRunResult result)
        {
            string text = (result.StandardOutput.Trim().Length > 0 ? result.StandardOutput : result.StandardError).Trim();
            int newline = text.IndexOfAny(new[] { '\r', '\n' });
            if (newline >= 0)
            {
                text = text.Substring(0, newline);
            }

            if (text.Length > MaxErrorLength)
            {
                text = text.Substring(0, MaxErrorLength) + "...";
            }

            return text.Length == 0 ? string.Empty : ": " + text;
        }
    }
}
