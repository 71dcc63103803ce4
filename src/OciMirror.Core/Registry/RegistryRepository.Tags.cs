using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry.Http;

namespace OciMirror.Core.Registry
{
    public sealed partial class RegistryRepository
    {
        private const int TagPageSize = 1000;
        private const int MaxTagPages = 100000;

        /// <summary>
        /// Every tag of the repository: GET <c>/tags/list?n=1000</c>, then each <c>Link: &lt;…&gt;;
        /// rel="next"</c> page (spec v1.1 "Listing Tags"), in the registry's order.
        /// </summary>
        /// <exception cref="OciException">NotFound naming the repository when it does not exist; others as mapped.</exception>
        public async Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken cancellationToken)
        {
            var tags = new List<string>();
            string first = $"/v2/{RepositoryName}/tags/list?n={TagPageSize}";
            Uri page = await BaseUriAsync(first, cancellationToken).ConfigureAwait(false);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (seen.Add(page.AbsoluteUri))
            {
                if (seen.Count > MaxTagPages)
                {
                    break;
                }

                var request = new RegistryRequest(HttpMethod.Get, RegistryName, _apiHost, page.PathAndQuery)
                {
                    AbsoluteUri = page,
                    Operation = "list tags of",
                    Repository = RepositoryName,
                    Reference = ToString(),
                    Scopes = new[] { Auth.TokenScopes.Repository(RepositoryName, push: false) },
                };
                using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw await MapAsync(response, request, cancellationToken).ConfigureAwait(false);
                }

                tags.AddRange(await ReadTagsAsync(response, request).ConfigureAwait(false));
                Uri? next = LinkHeader.Next(response, page);
                if (next == null)
                {
                    return tags;
                }

                page = next;
            }

            throw new OciException(OciErrorKind.ProtocolError, $"Cannot list tags of {this}: registry {RegistryName} paginates in a loop (page {page.PathAndQuery} again).")
            {
                Registry = RegistryName, Reference = ToString(),
            };
        }

        private static async Task<IEnumerable<string>> ReadTagsAsync(HttpResponseMessage response, RegistryRequest request)
        {
            using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var reader = new JsonTextReader(new StreamReader(stream, Encoding.UTF8)) { DateParseHandling = DateParseHandling.None };
            JObject doc;
            try
            {
                doc = await JObject.LoadAsync(reader).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new OciException(OciErrorKind.ProtocolError, $"Cannot list tags of {request.Reference}: registry {request.Registry} sent a malformed tag list.", e)
                {
                    Registry = request.Registry, Reference = request.Reference,
                };
            }

            // "tags" may be null or missing for a repository without tags.
            var result = new List<string>();
            if (doc["tags"] is JArray array)
            {
                foreach (JToken tag in array)
                {
                    if (tag.Type == JTokenType.String)
                    {
                        result.Add((string)tag!);
                    }
                }
            }

            return result;
        }
    }
}
