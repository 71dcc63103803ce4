using System;
using System.Text;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Registry.Auth;

namespace OciMirror.Core.Credentials
{
    /// <summary>
    /// One <c>auths</c> entry to a credential, as the docker CLI reads it: <c>auth</c> (base64 of
    /// user:password) wins over <c>username</c>/<c>password</c>; <c>identitytoken</c> and
    /// <c>registrytoken</c> are kept; an entry with none of them is no credential (null).
    /// </summary>
    internal static class AuthEntryReader
    {
        public static RegistryCredential? Read(string path, string key, JObject entry)
        {
            string? auth = DockerConfigParser.ReadString(path, key, entry, "auth");
            string? username = DockerConfigParser.ReadString(path, key, entry, "username");
            string? password = DockerConfigParser.ReadString(path, key, entry, "password");
            string? identityToken = Empty(DockerConfigParser.ReadString(path, key, entry, "identitytoken"));
            string? registryToken = Empty(DockerConfigParser.ReadString(path, key, entry, "registrytoken"));
            if (!string.IsNullOrEmpty(auth))
            {
                DecodeAuth(path, key, auth!, out username, out password);
            }

            username = Empty(username);
            if (username == null && identityToken == null && registryToken == null)
            {
                return null;
            }

            if (identityToken != null && string.IsNullOrEmpty(password))
            {
                password = null; // docker stores "user:" next to an identity token; there is no password to send
            }

            return new RegistryCredential(username, username == null ? null : password, identityToken, registryToken);
        }

        private static void DecodeAuth(string path, string key, string auth, out string? username, out string? password)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(auth.Trim());
            }
            catch (FormatException)
            {
                throw DockerConfigParser.Fail(path, $"the 'auth' field for registry key '{key}' is not valid base64");
            }

            // docker cli decodeAuth: split on the first ':', user must not be empty, NULs trimmed from the password.
            string decoded = new UTF8Encoding(false, false).GetString(bytes);
            int colon = decoded.IndexOf(':');
            if (colon <= 0)
            {
                throw DockerConfigParser.Fail(path, $"the 'auth' field for registry key '{key}' does not decode to 'user:password'");
            }

            username = decoded.Substring(0, colon);
            password = decoded.Substring(colon + 1).Trim('\0');
        }

        private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
