using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.RegularExpressions;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// The <c>rel="next"</c> target of an RFC 8288 (formerly RFC 5988) <c>Link</c> header, which the
    /// distribution spec uses to paginate tag lists (spec v1.1, "Listing Tags").
    /// </summary>
    internal static class LinkHeader
    {
        private static readonly Regex LinkValue = new Regex(@"<(?<url>[^>]*)>(?<params>[^,<]*)", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex NextRel = new Regex(@";\s*rel\s*=\s*""?(?:[^"";]*\s)?next(?:\s[^"";]*)?""?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Compiled);

        /// <summary>The next page's URI resolved against <paramref name="current"/>, or null on the last page.</summary>
        /// <exception cref="OciException">ProtocolError when the next link is not an http(s) URL.</exception>
        public static Uri? Next(HttpResponseMessage response, Uri current)
        {
            if (!response.Headers.TryGetValues("Link", out IEnumerable<string>? values))
            {
                return null;
            }

            foreach (string value in values)
            {
                foreach (Match link in LinkValue.Matches(value))
                {
                    if (NextRel.IsMatch(link.Groups["params"].Value))
                    {
                        string target = link.Groups["url"].Value.Trim();
                        if (!Uri.TryCreate(current, target, out Uri? next) || (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps))
                        {
                            throw new OciException(OciErrorKind.ProtocolError, $"The registry at {current.Authority} sent a Link header whose next page '{target}' is not a usable URL.");
                        }

                        return next;
                    }
                }
            }

            return null;
        }
    }
}
