using System;
using System.Collections.Generic;
using System.IO;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OciMirror.Core.Sync
{
    /// <summary>Turns the text of a sync file into a <see cref="SyncFile"/> (see there for the format), validating everything.</summary>
    internal static class SyncFileReader
    {
        /// <summary>skopeo's keys of a registry.</summary>
        private static readonly string[] SkopeoKeys = { "images", "images-by-tag-regex", "images-by-semver", "credentials", "tls-verify", "cert-dir" };

        /// <exception cref="OciException">InvalidConfiguration naming the file, line and key.</exception>
        /// <param name="environment">Environment variables (for <c>password-env</c>).</param>
        /// <param name="home">The home directory (for a leading <c>~/</c> in <c>cert-dir</c>), or null.</param>
        public static SyncFile Read(string text, string path, Func<string, string?> environment, string? home)
        {
            var yaml = new SyncYaml(path);
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException e)
            {
                // YamlDotNet's messages describe the structure ("did not find expected key"), not the content.
                throw new OciException(OciErrorKind.InvalidConfiguration, $"Sync file '{path}', line {e.Start.Line}, column {e.Start.Column}: not valid YAML ({e.Message.TrimEnd('.')}).", e) { Path = path };
            }
            catch (ArgumentException e)
            {
                throw new OciException(OciErrorKind.InvalidConfiguration, $"Sync file '{path}': a key appears twice in one map.", e) { Path = path };
            }

            YamlNode? root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            if (root == null || SyncYaml.IsNull(root))
            {
                throw new OciException(OciErrorKind.InvalidConfiguration, $"Sync file '{path}' names no registry.") { Path = path, RecommendedAction = "Write one map key per source registry, as in skopeo's sync YAML." };
            }

            var registries = new List<SyncRegistry>();
            foreach (KeyValuePair<YamlNode, YamlNode> item in yaml.Map(root, "(top level)").Children)
            {
                string host = yaml.Key(item.Key, "(top level)");
                registries.Add(ReadRegistry(yaml, host, item.Key, item.Value, environment, home));
            }

            return new SyncFile(path, registries);
        }

        private static SyncRegistry ReadRegistry(SyncYaml yaml, string host, YamlNode keyNode, YamlNode value, Func<string, string?> environment, string? home)
        {
            if (string.IsNullOrWhiteSpace(host))
            {
                throw yaml.Error(keyNode, "(top level)", "a registry key is empty");
            }

            YamlMappingNode map = yaml.Map(value, host);
            var settings = new RegistryHostSettings();
            var defaults = new SyncEntryReader(yaml, host);
            var sections = new List<(string Key, YamlNode Node)>();
            foreach (KeyValuePair<YamlNode, YamlNode> field in map.Children)
            {
                string key = yaml.Key(field.Key, host);
                string keyPath = host + " → " + key;
                switch (key)
                {
                    case "images":
                    case "images-by-tag-regex":
                    case "images-by-semver":
                    case "repositories":
                        sections.Add((key, field.Value));
                        break;
                    case "credentials":
                        ReadCredentials(yaml, keyPath, field.Value, settings, environment);
                        break;
                    case "tls-verify":
                        // skopeo: false skips certificate verification and lets a registry without TLS be reached over http.
                        bool verify = yaml.Boolean(field.Value, keyPath);
                        settings.SkipTlsVerify = !verify;
                        settings.AllowHttpFallback = !verify;
                        break;
                    case "cert-dir":
                        settings.CertificateDirectory = FilePath(yaml, yaml.RequiredText(field.Value, keyPath), home);
                        break;
                    default:
                        if (!defaults.TryReadDefault(key, field.Key, field.Value))
                        {
                            throw yaml.Unknown(field.Key, keyPath, Known());
                        }

                        break;
                }
            }

            var entries = new List<SyncEntry>();
            foreach ((string key, YamlNode node) in sections)
            {
                entries.AddRange(defaults.ReadSection(key, node));
            }

            return new SyncRegistry(host, SyncYaml.Line(keyNode), settings, entries);
        }

        private static IEnumerable<string> Known()
        {
            var known = new List<string>(SkopeoKeys) { "repositories" };
            known.AddRange(SyncEntryReader.RegistryDefaults);
            return known;
        }

        private static void ReadCredentials(SyncYaml yaml, string keyPath, YamlNode node, RegistryHostSettings settings, Func<string, string?> environment)
        {
            YamlNode? passwordNode = null;
            string? passwordEnv = null;
            foreach (KeyValuePair<YamlNode, YamlNode> field in yaml.Map(node, keyPath).Children)
            {
                string key = yaml.Key(field.Key, keyPath);
                string path = keyPath + " → " + key;
                switch (key)
                {
                    case "username": settings.Username = yaml.Text(field.Value, path); break;
                    case "password": settings.Password = yaml.Text(field.Value, path); passwordNode = field.Key; break;
                    case "password-env": passwordEnv = yaml.RequiredText(field.Value, path); passwordNode = field.Key; break;
                    default: throw yaml.Unknown(field.Key, path, new[] { "username", "password", "password-env" });
                }
            }

            if (passwordEnv != null)
            {
                if (settings.Password != null)
                {
                    throw yaml.Error(passwordNode!, keyPath, "give 'password' or 'password-env', not both");
                }

                settings.Password = environment(passwordEnv)
                    ?? throw yaml.Error(passwordNode!, keyPath + " → password-env", $"the environment variable '{passwordEnv}' is not set");
            }

            if (string.IsNullOrEmpty(settings.Username) != (settings.Password == null))
            {
                throw yaml.Error(node, keyPath, "needs both 'username' and 'password' (or 'password-env')");
            }

            // skopeo: a registry's credentials in the file replace the command line's for that registry.
            settings.OverridesExplicitCredential = true;
        }

        private static string FilePath(SyncYaml yaml, string value, string? home)
        {
            if ((value == "~" || value.StartsWith("~/", StringComparison.Ordinal)) && !string.IsNullOrEmpty(home))
            {
                value = Path.Combine(home, value.Length > 2 ? value.Substring(2) : string.Empty);
            }

            string directory = Path.GetDirectoryName(Path.GetFullPath(yaml.Path)) ?? string.Empty;
            return Path.GetFullPath(Path.Combine(directory, value));
        }
    }
}
