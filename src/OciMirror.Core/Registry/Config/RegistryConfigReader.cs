using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OciMirror.Core.Registry.Config
{
    /// <summary>
    /// Reads the <c>registries:</c> map of a registry config file, JSON (the text starts with '{') or
    /// YAML, into <see cref="RawHostEntry"/>s. Syntax errors name the file and the position, never the
    /// text around it (it may hold a password).
    /// </summary>
    internal static class RegistryConfigReader
    {
        public const string RegistriesKey = "registries";

        /// <exception cref="OciException">InvalidConfiguration: not JSON/YAML, or not the expected shape.</exception>
        public static IReadOnlyList<RawHostEntry> Read(string text, string path) =>
            text.TrimStart().StartsWith("{", StringComparison.Ordinal) ? ReadJson(text, path) : ReadYaml(text, path);

        private static IReadOnlyList<RawHostEntry> ReadJson(string text, string path)
        {
            JObject root;
            try
            {
                using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
                root = JObject.Load(reader, new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error, LineInfoHandling = LineInfoHandling.Load });
            }
            catch (JsonReaderException e)
            {
                throw Error(path, $"it is not valid JSON (line {e.LineNumber}, position {e.LinePosition})", e);
            }

            var result = new List<RawHostEntry>();
            foreach (JProperty top in root.Properties())
            {
                if (top.Name != RegistriesKey)
                {
                    throw Error(path, $"unknown top-level key '{top.Name}' (line {Line(top)}); the hosts go under '{RegistriesKey}'");
                }

                if (top.Value.Type == JTokenType.Null)
                {
                    continue;
                }

                if (!(top.Value is JObject hosts))
                {
                    throw Error(path, $"'{RegistriesKey}' must be an object of host names (line {Line(top)})");
                }

                foreach (JProperty host in hosts.Properties())
                {
                    var entry = new RawHostEntry(host.Name, Line(host));
                    if (host.Value is JObject fields)
                    {
                        entry.Fields.AddRange(fields.Properties().Select(f => new RawField(f.Name, JsonScalar(f.Value), f.Value is JValue, Line(f))));
                    }
                    else if (host.Value.Type != JTokenType.Null)
                    {
                        throw Error(path, $"host '{host.Name}' (line {entry.Line}) must be an object of settings");
                    }

                    result.Add(entry);
                }
            }

            return result;
        }

        private static IReadOnlyList<RawHostEntry> ReadYaml(string text, string path)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException e)
            {
                // YamlDotNet's messages describe the structure ("did not find expected key"), not the content.
                throw Error(path, $"it is not valid YAML (line {e.Start.Line}, column {e.Start.Column}: {e.Message.TrimEnd('.')})", e);
            }
            catch (ArgumentException e)
            {
                throw Error(path, "it is not valid YAML (a key appears twice in one map)", e);
            }

            var result = new List<RawHostEntry>();
            if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
            {
                return result;
            }

            if (!(stream.Documents[0].RootNode is YamlMappingNode root))
            {
                throw Error(path, $"the file must be a map with a '{RegistriesKey}' key");
            }

            foreach (KeyValuePair<YamlNode, YamlNode> top in root.Children)
            {
                string name = ((top.Key as YamlScalarNode)?.Value) ?? string.Empty;
                if (name != RegistriesKey)
                {
                    throw Error(path, $"unknown top-level key '{name}' (line {top.Key.Start.Line}); the hosts go under '{RegistriesKey}'");
                }

                if (IsNull(top.Value))
                {
                    continue;
                }

                if (!(top.Value is YamlMappingNode hosts))
                {
                    throw Error(path, $"'{RegistriesKey}' must be a map of host names (line {top.Key.Start.Line})");
                }

                foreach (KeyValuePair<YamlNode, YamlNode> host in hosts.Children)
                {
                    var entry = new RawHostEntry((host.Key as YamlScalarNode)?.Value ?? string.Empty, (int)host.Key.Start.Line);
                    if (host.Value is YamlMappingNode fields)
                    {
                        foreach (KeyValuePair<YamlNode, YamlNode> field in fields.Children)
                        {
                            var scalar = field.Value as YamlScalarNode;
                            entry.Fields.Add(new RawField((field.Key as YamlScalarNode)?.Value ?? string.Empty, scalar != null && !IsNull(scalar) ? scalar.Value : null, scalar != null, (int)field.Key.Start.Line));
                        }
                    }
                    else if (!IsNull(host.Value))
                    {
                        throw Error(path, $"host '{entry.Host}' (line {entry.Line}) must be a map of settings");
                    }

                    result.Add(entry);
                }
            }

            return result;
        }

        /// <summary>The error for the whole file.</summary>
        public static OciException Error(string path, string why, Exception? inner = null) =>
            new OciException(OciErrorKind.InvalidConfiguration, $"The registry config file '{path}' cannot be used: {why}.", inner)
            {
                Path = path,
                RecommendedAction = "Fix the file: a 'registries' map of host[:port] to settings (ca-file, client-cert, client-key, insecure, plain-http, username, password or password-env, authfile).",
            };

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode s && s.Style == ScalarStyle.Plain && (s.Value == null || s.Value.Length == 0 || s.Value == "~" || s.Value == "null" || s.Value == "Null" || s.Value == "NULL");

        private static string? JsonScalar(JToken value) => value switch
        {
            JValue v when v.Type == JTokenType.Null => null,
            JValue v when v.Type == JTokenType.Boolean => (bool)v ? "true" : "false",
            JValue v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };

        private static int Line(JToken token) => token is IJsonLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
    }
}
