using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;

namespace OciMirror.Core.Registry.Auth
{
    /// <summary>
    /// A parsed <c>WWW-Authenticate</c> challenge (RFC 9110 §11.6.1): the scheme and its auth-params,
    /// such as distribution's token auth <c>Bearer realm="…",service="…",scope="…"</c>.
    /// </summary>
    internal sealed class AuthChallenge
    {
        private AuthChallenge(string scheme, IReadOnlyDictionary<string, string> parameters)
        {
            Scheme = scheme;
            Parameters = parameters;
        }

        /// <summary><c>Basic</c> or <c>Bearer</c> (normalized case).</summary>
        public string Scheme { get; }

        /// <summary>auth-params with lower-case names and unquoted values.</summary>
        public IReadOnlyDictionary<string, string> Parameters { get; }

        public bool IsBearer => Scheme == "Bearer";

        public string? Realm => Get("realm");

        public string? Service => Get("service");

        public string? Scope => Get("scope");

        /// <summary>
        /// The challenge of a 401 response: Bearer preferred over Basic (a registry offering both takes
        /// tokens), other schemes ignored; null when there is none we can answer.
        /// </summary>
        public static AuthChallenge? FromResponse(HttpResponseMessage response)
        {
            AuthChallenge? basic = null;
            if (response.Headers.TryGetValues("WWW-Authenticate", out IEnumerable<string>? values))
            {
                foreach (string value in values)
                {
                    AuthChallenge? parsed = Parse(value);
                    if (parsed?.IsBearer == true)
                    {
                        return parsed;
                    }

                    basic ??= parsed;
                }
            }

            return basic;
        }

        /// <summary>Parses one challenge; null for an unknown scheme or a Bearer without realm.</summary>
        public static AuthChallenge? Parse(string header)
        {
            string text = header.Trim();
            int space = text.IndexOf(' ');
            string scheme = space < 0 ? text : text.Substring(0, space);
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            if (space >= 0)
            {
                ParseParameters(text.Substring(space + 1), parameters);
            }

            if (string.Equals(scheme, "Basic", StringComparison.OrdinalIgnoreCase))
            {
                return new AuthChallenge("Basic", parameters);
            }

            if (string.Equals(scheme, "Bearer", StringComparison.OrdinalIgnoreCase) && parameters.ContainsKey("realm"))
            {
                return new AuthChallenge("Bearer", parameters);
            }

            return null;
        }

        private string? Get(string name) => Parameters.TryGetValue(name, out string? value) ? value : null;

        // auth-param = token BWS "=" BWS ( token / quoted-string ), separated by commas; quoted values
        // (a scope "repository:a:pull,push") may contain commas and backslash escapes.
        private static void ParseParameters(string text, Dictionary<string, string> into)
        {
            int i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
                {
                    i++;
                }

                int nameStart = i;
                while (i < text.Length && text[i] != '=' && text[i] != ',')
                {
                    i++;
                }

                string name = text.Substring(nameStart, i - nameStart).Trim().ToLowerInvariant();
                if (i >= text.Length || text[i] != '=')
                {
                    continue;
                }

                i++;
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                var value = new StringBuilder();
                if (i < text.Length && text[i] == '"')
                {
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        if (text[i] == '\\' && i + 1 < text.Length)
                        {
                            i++;
                        }

                        value.Append(text[i++]);
                    }

                    i++;
                }
                else
                {
                    while (i < text.Length && text[i] != ',')
                    {
                        value.Append(text[i++]);
                    }
                }

                if (name.Length > 0)
                {
                    into[name] = value.ToString().Trim();
                }
            }
        }
    }
}
