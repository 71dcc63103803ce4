using System;
using System.Collections.Generic;
using System.Globalization;
using OciMirror.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OciMirror.Core.Sync
{
    /// <summary>
    /// Reads typed values out of the YAML nodes of one sync file; every error names the file, the line and
    /// the key path (<c>registry.example.com → images-by-semver → alpine</c>) and never echoes a value that may
    /// be a password.
    /// </summary>
    internal sealed class SyncYaml
    {
        public SyncYaml(string path)
        {
            Path = path;
        }

        /// <summary>The sync file as named in messages.</summary>
        public string Path { get; }

        public static bool IsNull(YamlNode node) =>
            node is YamlScalarNode s && s.Style == ScalarStyle.Plain && (string.IsNullOrEmpty(s.Value) || s.Value == "~" || s.Value == "null" || s.Value == "Null" || s.Value == "NULL");

        public static int Line(YamlNode node) => (int)node.Start.Line;

        /// <summary>The text of a key node.</summary>
        public string Key(YamlNode key, string parent) => (key as YamlScalarNode)?.Value
            ?? throw Error(key, parent, "a key must be a plain name, not a list or a map");

        /// <summary>The error for <paramref name="node"/> at <paramref name="keyPath"/>.</summary>
        public OciException Error(YamlNode node, string keyPath, string why, Exception? inner = null) =>
            new OciException(OciErrorKind.InvalidConfiguration, $"Sync file '{Path}', line {Line(node)}, key '{keyPath}': {why}.", inner)
            {
                Path = Path,
                RecommendedAction = $"Fix line {Line(node)} of '{Path}'; nothing was copied. The sync file format is skopeo's (images, images-by-tag-regex, images-by-semver, credentials, tls-verify, cert-dir per registry) plus OciMirror's keys (see 'ocimirror sync --help').",
            };

        /// <summary>The error for a key that is not allowed where it is.</summary>
        public OciException Unknown(YamlNode key, string keyPath, IEnumerable<string> known) =>
            Error(key, keyPath, $"unknown key (known here: {string.Join(", ", known)})");

        /// <summary>A map, or an empty map for null.</summary>
        public YamlMappingNode Map(YamlNode node, string keyPath) =>
            node as YamlMappingNode ?? (IsNull(node) ? new YamlMappingNode() : throw Error(node, keyPath, "must be a map of keys to values"));

        /// <summary>A scalar's text (null for null).</summary>
        public string? Text(YamlNode node, string keyPath) =>
            IsNull(node) ? null : (node as YamlScalarNode)?.Value ?? throw Error(node, keyPath, "must be a single value, not a list or a map");

        /// <summary>A non-empty scalar.</summary>
        public string RequiredText(YamlNode node, string keyPath)
        {
            string? text = Text(node, keyPath);
            return string.IsNullOrWhiteSpace(text) ? throw Error(node, keyPath, "must not be empty") : text!;
        }

        /// <summary>true or false; also yes/no and on/off, which Go's yaml.v3 (skopeo's parser) decodes into a bool.</summary>
        public bool Boolean(YamlNode node, string keyPath)
        {
            switch (Text(node, keyPath)?.ToLowerInvariant())
            {
                case "true":
                case "yes":
                case "on":
                    return true;
                case "false":
                case "no":
                case "off":
                    return false;
                default: throw Error(node, keyPath, "must be true or false");
            }
        }

        /// <summary>A whole number of at least 1.</summary>
        public int Count(YamlNode node, string keyPath)
        {
            string? text = Text(node, keyPath);
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1
                ? n
                : throw Error(node, keyPath, "must be a whole number of 1 or more");
        }

        /// <summary>A list of scalars; a single scalar is read as a list of one when <paramref name="allowSingle"/>; null is empty.</summary>
        public IReadOnlyList<string> List(YamlNode node, string keyPath, bool allowSingle)
        {
            if (IsNull(node))
            {
                return Array.Empty<string>();
            }

            if (node is YamlScalarNode scalar && allowSingle)
            {
                return new[] { scalar.Value ?? string.Empty };
            }

            if (!(node is YamlSequenceNode sequence))
            {
                throw Error(node, keyPath, allowSingle ? "must be a value or a list of values" : "must be a list of values ([] for none)");
            }

            var values = new List<string>();
            foreach (YamlNode item in sequence.Children)
            {
                string? value = Text(item, keyPath);
                if (string.IsNullOrWhiteSpace(value))
                {
                    throw Error(item, keyPath, "a list item is empty");
                }

                values.Add(value!);
            }

            return values;
        }
    }
}
