using System;
using System.Collections.Generic;
using System.Linq;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Platforms;
using OciMirror.Core.References;
using OciMirror.Core.Selection;
using YamlDotNet.RepresentationModel;

namespace OciMirror.Core.Sync
{
    /// <summary>
    /// Reads the repositories of one registry of a sync file: skopeo's <c>images</c>,
    /// <c>images-by-tag-regex</c>, <c>images-by-semver</c> and OciMirror's <c>repositories</c>, each with the
    /// registry's defaults (<see cref="RegistryDefaults"/>) applied.
    /// </summary>
    internal sealed class SyncEntryReader
    {
        /// <summary>OciMirror's keys allowed on a registry, as defaults for every repository of it.</summary>
        public static readonly string[] RegistryDefaults = { "exclude", "exclude-regex", "latest", "prereleases", "digest-tags", "platforms", "destination" };

        /// <summary>The keys of a repository under <c>repositories</c>.</summary>
        private static readonly string[] RepositoryKeys = { "tags", "include", "include-regex", "exclude", "exclude-regex", "semver", "latest", "prereleases", "digest-tags", "platforms", "destination", "destination-repository" };

        private readonly SyncYaml _yaml;
        private readonly string _registry;
        private readonly TagSelection _defaults = new TagSelection();
        private IReadOnlyList<string> _platforms = Array.Empty<string>();
        private string? _destination;

        public SyncEntryReader(SyncYaml yaml, string registry)
        {
            _yaml = yaml;
            _registry = registry;
        }

        /// <summary>Reads one of <see cref="RegistryDefaults"/>; false for any other key.</summary>
        public bool TryReadDefault(string key, YamlNode keyNode, YamlNode value)
        {
            string keyPath = _registry + " → " + key;
            if (key == "platforms")
            {
                _platforms = ReadPlatforms(value, keyPath);
                return true;
            }

            if (key == "destination")
            {
                _destination = ReadDestination(value, keyPath);
                return true;
            }

            return RegistryDefaults.Contains(key) && TryReadSelectionKey(_defaults, key, value, keyPath);
        }

        /// <summary>The entries of one section (<c>images</c>, <c>images-by-tag-regex</c>, <c>images-by-semver</c>, <c>repositories</c>).</summary>
        public IEnumerable<SyncEntry> ReadSection(string section, YamlNode node)
        {
            string sectionPath = _registry + " → " + section;
            foreach (KeyValuePair<YamlNode, YamlNode> item in _yaml.Map(node, sectionPath).Children)
            {
                string repository = _yaml.Key(item.Key, sectionPath);
                string keyPath = sectionPath + " → " + repository;
                CheckRepository(item.Key, repository, keyPath);
                var entry = new SyncEntry(_registry, repository, keyPath, SyncYaml.Line(item.Key)) { Platforms = _platforms, Destination = _destination };
                TagSelection selection = Copy(_defaults);
                switch (section)
                {
                    case "images":
                        entry.References = ReadReferences(item.Value, keyPath);
                        break;
                    case "images-by-tag-regex":
                        selection.IncludeRegex = new[] { _yaml.RequiredText(item.Value, keyPath) };
                        break;
                    case "images-by-semver":
                        selection.SemverRange = _yaml.RequiredText(item.Value, keyPath);
                        break;
                    default:
                        ReadRepositoryOptions(entry, selection, item.Value, keyPath);
                        break;
                }

                Validate(selection, item.Value, keyPath);
                entry.Selection = selection;
                yield return entry;
            }
        }

        private static TagSelection Copy(TagSelection s) => new TagSelection
        {
            Include = s.Include, IncludeRegex = s.IncludeRegex, Exclude = s.Exclude, ExcludeRegex = s.ExcludeRegex,
            SemverRange = s.SemverRange, Latest = s.Latest, Prereleases = s.Prereleases, DigestTags = s.DigestTags,
        };

        private void ReadRepositoryOptions(SyncEntry entry, TagSelection selection, YamlNode node, string keyPath)
        {
            YamlNode? tagsKey = null;
            YamlNode? selectionKey = null;
            bool ownDestination = false;
            foreach (KeyValuePair<YamlNode, YamlNode> field in _yaml.Map(node, keyPath).Children)
            {
                string key = _yaml.Key(field.Key, keyPath);
                string path = keyPath + " → " + key;
                switch (key)
                {
                    case "tags": entry.References = ReadReferences(field.Value, path); tagsKey = field.Key; break;
                    case "platforms": entry.Platforms = ReadPlatforms(field.Value, path); break;
                    case "destination": entry.Destination = ReadDestination(field.Value, path); ownDestination = true; break;
                    case "destination-repository": entry.DestinationRepository = ReadRepositoryReference(field.Value, path); break;
                    default:
                        if (!RepositoryKeys.Contains(key) || !TryReadSelectionKey(selection, key, field.Value, path))
                        {
                            throw _yaml.Unknown(field.Key, path, RepositoryKeys);
                        }

                        selectionKey = field.Key;
                        break;
                }
            }

            if (tagsKey != null && selectionKey != null)
            {
                throw _yaml.Error(selectionKey, keyPath, "'tags' names the references to copy; the selection keys apply to listed tags only, so they cannot be combined with it");
            }

            if (entry.DestinationRepository != null)
            {
                if (ownDestination)
                {
                    throw _yaml.Error(node, keyPath, "give 'destination' (a registry and prefix) or 'destination-repository' (an exact repository), not both");
                }

                // An exact repository replaces the registry's destination for this entry.
                entry.Destination = null;
            }
        }

        /// <summary>Applies one selection key to <paramref name="selection"/> (lists add to the registry's defaults).</summary>
        private bool TryReadSelectionKey(TagSelection selection, string key, YamlNode value, string keyPath)
        {
            switch (key)
            {
                case "include": selection.Include = selection.Include.Concat(_yaml.List(value, keyPath, allowSingle: true)).ToArray(); return true;
                case "exclude": selection.Exclude = selection.Exclude.Concat(_yaml.List(value, keyPath, allowSingle: true)).ToArray(); return true;
                case "include-regex": selection.IncludeRegex = selection.IncludeRegex.Concat(Checked(value, keyPath, _yaml.List(value, keyPath, allowSingle: true))).ToArray(); return true;
                case "exclude-regex": selection.ExcludeRegex = selection.ExcludeRegex.Concat(Checked(value, keyPath, _yaml.List(value, keyPath, allowSingle: true))).ToArray(); return true;
                case "semver": selection.SemverRange = _yaml.RequiredText(value, keyPath); return true;
                case "latest": selection.Latest = _yaml.Count(value, keyPath); return true;
                case "prereleases": selection.Prereleases = _yaml.Boolean(value, keyPath); return true;
                case "digest-tags": selection.DigestTags = ReadDigestTags(value, keyPath); return true;
                default: return false;
            }
        }

        private IReadOnlyList<string> Checked(YamlNode node, string keyPath, IReadOnlyList<string> patterns)
        {
            foreach (string pattern in patterns)
            {
                try
                {
                    TagSelector.CompileRegex(pattern);
                }
                catch (FormatException e)
                {
                    throw _yaml.Error(node, keyPath, e.Message.TrimEnd('.'), e);
                }
            }

            return patterns;
        }

        private void Validate(TagSelection selection, YamlNode node, string keyPath)
        {
            try
            {
                selection.Compile();
            }
            catch (FormatException e)
            {
                throw _yaml.Error(node, keyPath, e.Message.TrimEnd('.'), e);
            }
        }

        private DigestTagMode ReadDigestTags(YamlNode node, string keyPath)
        {
            switch (_yaml.Text(node, keyPath))
            {
                case "include": return DigestTagMode.Include;
                case "exclude": return DigestTagMode.Exclude;
                case "with-images": return DigestTagMode.WithImages;
                default: throw _yaml.Error(node, keyPath, "must be include, exclude or with-images");
            }
        }

        /// <summary>skopeo's reference list: each item a digest (<c>sha256:…</c>) or a tag; [] or null = every tag.</summary>
        private IReadOnlyList<string> ReadReferences(YamlNode node, string keyPath)
        {
            IReadOnlyList<string> references = _yaml.List(node, keyPath, allowSingle: false);
            foreach (string reference in references)
            {
                bool valid = reference.StartsWith("sha", StringComparison.Ordinal) && reference.Contains(":")
                    ? Digest.TryParse(reference, out _)
                    : Reference.TryParse("probe.local/probe:" + reference, out _, out _);
                if (!valid)
                {
                    throw _yaml.Error(node, keyPath, $"'{reference}' is neither a tag nor a digest");
                }
            }

            return references;
        }

        /// <summary>Platforms as <c>--platform</c> takes them (<c>os/arch[/variant][:os.version]</c>), validated by the platform component.</summary>
        private IReadOnlyList<string> ReadPlatforms(YamlNode node, string keyPath)
        {
            IReadOnlyList<string> platforms = _yaml.List(node, keyPath, allowSingle: true);
            foreach (string platform in platforms)
            {
                try
                {
                    PlatformSpec.Parse(platform);
                }
                catch (OciException e)
                {
                    throw _yaml.Error(node, keyPath, e.Message.TrimEnd('.'), e);
                }
            }

            return platforms;
        }

        private string ReadDestination(YamlNode node, string keyPath)
        {
            string text = _yaml.RequiredText(node, keyPath);
            try
            {
                return RegistryDestination.Parse(text).ToString();
            }
            catch (OciException e)
            {
                throw _yaml.Error(node, keyPath, e.Message.TrimEnd('.'), e);
            }
        }

        private string ReadRepositoryReference(YamlNode node, string keyPath) =>
            ParseRepository(node, keyPath, _yaml.RequiredText(node, keyPath), "must be a repository (host[:port]/path) without a tag or digest").Name;

        private void CheckRepository(YamlNode keyNode, string repository, string keyPath) =>
            ParseRepository(keyNode, keyPath, _registry + "/" + repository, "names a reference, not a repository (write the tags in the list)");

        private Reference ParseRepository(YamlNode node, string keyPath, string text, string notARepository)
        {
            Reference reference;
            try
            {
                reference = Reference.ParseRepository(text);
            }
            catch (OciException e)
            {
                throw _yaml.Error(node, keyPath, e.Message.TrimEnd('.'), e);
            }

            return reference.Tag == null && reference.Digest == null ? reference : throw _yaml.Error(node, keyPath, notARepository);
        }
    }
}
