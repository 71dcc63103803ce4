using System;
using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry.Auth;

namespace OciMirror.Core.Credentials
{
    /// <summary>
    /// JSON to <see cref="DockerConfigFile"/>. Error messages name the file, the line and position, the
    /// section and the registry key; they never quote the file's content, because any part of it may be a secret.
    /// </summary>
    internal static class DockerConfigParser
    {
        public static DockerConfigFile Parse(string path, string json, AuthFileFormat format)
        {
            var entries = new Dictionary<string, KeyValuePair<string, RegistryCredential>>(StringComparer.Ordinal);
            var helpers = new Dictionary<string, string>(StringComparer.Ordinal);
            if (json.Trim().Length == 0)
            {
                return new DockerConfigFile(path, format, entries, null, helpers);
            }

            JObject root = ReadObject(path, json);
            foreach (JProperty property in Section(path, root, "auths"))
            {
                if (!(property.Value is JObject entry))
                {
                    throw Fail(path, $"the 'auths' entry for registry key '{property.Name}' is not a JSON object");
                }

                RegistryCredential? credential = AuthEntryReader.Read(path, property.Name, entry);
                if (credential == null)
                {
                    continue;
                }

                string key = AuthKeys.NormalizeKey(property.Name, format == AuthFileFormat.Containers);
                bool known = entries.TryGetValue(key, out KeyValuePair<string, RegistryCredential> existing);
                if (!known || (!AuthKeys.IsPreferredSpelling(existing.Key, key) && AuthKeys.IsPreferredSpelling(property.Name, key)))
                {
                    entries[key] = new KeyValuePair<string, RegistryCredential>(property.Name, credential);
                }
            }

            foreach (JProperty property in Section(path, root, "credHelpers"))
            {
                string? helper = property.Value.Type == JTokenType.String ? (string?)property.Value : null;
                if (string.IsNullOrWhiteSpace(helper))
                {
                    throw Fail(path, $"the 'credHelpers' entry for registry key '{property.Name}' is not a helper name");
                }

                helpers[AuthKeys.NormalizeKey(property.Name, keepNamespace: false)] = helper!.Trim();
            }

            JToken? store = root["credsStore"];
            if (store != null && store.Type != JTokenType.Null && store.Type != JTokenType.String)
            {
                throw Fail(path, "'credsStore' is not a helper name");
            }

            string? credsStore = (string?)store;
            return new DockerConfigFile(path, format, entries, string.IsNullOrWhiteSpace(credsStore) ? null : credsStore!.Trim(), helpers);
        }

        private static JObject ReadObject(string path, string json)
        {
            var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            try
            {
                JToken root = JToken.ReadFrom(reader);
                if (reader.Read())
                {
                    throw Fail(path, $"it is not valid JSON: unexpected content after the end of the object (line {reader.LineNumber}, position {reader.LinePosition})");
                }

                return root as JObject ?? throw Fail(path, "it is not a JSON object");
            }
            catch (JsonReaderException e)
            {
                // e.Message quotes the offending character, so only the position is reported.
                throw Fail(path, $"it is not valid JSON (line {e.LineNumber}, position {e.LinePosition})");
            }
        }

        private static IEnumerable<JProperty> Section(string path, JObject root, string name)
        {
            JToken? section = root[name];
            if (section == null || section.Type == JTokenType.Null)
            {
                return Array.Empty<JProperty>();
            }

            return section is JObject map ? map.Properties() : throw Fail(path, $"'{name}' is not a JSON object");
        }

        internal static string? ReadString(string path, string key, JObject entry, string field)
        {
            JToken? token = entry[field];
            if (token == null || token.Type == JTokenType.Null)
            {
                return null;
            }

            return token.Type == JTokenType.String ? (string?)token : throw Fail(path, $"the '{field}' field for registry key '{key}' is not a string");
        }

                internal static OciException Fail(string path, string why) =>
            new OciException(OciErrorKind.AuthenticationFailed, $"Cannot use credentials file '{path}': {why}.")
            {
                Path = path,
                RecommendedAction = "Fix the file (for example with 'docker login' or 'podman login') or point REGISTRY_AUTH_FILE/-AuthFile at a valid one.",
            };
    }
}
