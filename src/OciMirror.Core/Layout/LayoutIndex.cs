using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// The index.json of a layout (image-spec v1.1.0, image-layout.md#indexjson-file, an image index).
    /// Keeps the whole JSON document so that unknown top-level fields, unknown entry fields and entries
    /// written by other tools survive a rewrite; only <c>manifests</c> is regenerated. Not thread-safe:
    /// the store mutates a fresh copy under its lock and then publishes it read-only.
    /// </summary>
    internal sealed class LayoutIndex
    {
        private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        private readonly JObject _document;
        private readonly List<LayoutIndexEntry> _entries;

        private LayoutIndex(JObject document, List<LayoutIndexEntry> entries)
        {
            _document = document;
            _entries = entries;
        }

        /// <summary>The root descriptors: in file order as parsed, sorted (<see cref="Sort"/>) once changed or written.</summary>
        public IReadOnlyList<LayoutIndexEntry> Entries => _entries;

        /// <summary>One <see cref="BundleEntry"/> per entry, in the order of <see cref="Entries"/>, with names resolved from every peer convention (Hauler's kinds: <see cref="HaulerNames"/>).</summary>
        public IReadOnlyList<BundleEntry> DescribeEntries()
        {
            var list = new List<BundleEntry>(_entries.Count);
            foreach (LayoutIndexEntry entry in _entries)
            {
                list.Add(LayoutNameResolver.Describe(entry.Descriptor));
            }

            return HaulerNames.Apply(list);
        }

        /// <summary>An index with no manifests, as written for a new layout.</summary>
        public static LayoutIndex CreateEmpty() => new LayoutIndex(
            new JObject { ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciIndex, ["manifests"] = new JArray() },
            new List<LayoutIndexEntry>());

        /// <summary>Parses index.json bytes read from <paramref name="path"/>.</summary>
        /// <exception cref="OciException">InvalidLayout naming the file and what is wrong with it.</exception>
        public static LayoutIndex Parse(byte[] content, string path)
        {
            JToken token;
            try
            {
                using var reader = new JsonTextReader(new StringReader(Utf8NoBom.GetString(content).TrimStart('\uFEFF')))
                {
                    DateParseHandling = DateParseHandling.None,
                };
                token = JToken.ReadFrom(reader);
            }
            catch (JsonException e)
            {
                throw Invalid(path, $"is not valid JSON: {e.Message}", e);
            }

            if (!(token is JObject document))
            {
                throw Invalid(path, $"is not an image index: expected a JSON object, found {token.Type}");
            }

            int? schemaVersion = document["schemaVersion"]?.Type == JTokenType.Integer ? (int?)document["schemaVersion"] : null;
            if (document["schemaVersion"] != null && schemaVersion != 2)
            {
                throw Invalid(path, $"is not an image index: schemaVersion is {document["schemaVersion"]}, expected 2");
            }

            string? mediaType = document["mediaType"]?.Type == JTokenType.String ? (string?)document["mediaType"] : null;
            if (mediaType != null && !MediaTypes.IsIndex(mediaType))
            {
                throw Invalid(path, $"is not an image index: mediaType is '{mediaType}'");
            }

            // "manifests": null is an empty list: Go writes a nil slice so (umoci's fresh layout, docker save of
            // an untagged image). A missing field or any other type is not an index.
            JArray manifests = document["manifests"] switch
            {
                JArray array => array,
                JValue { Type: JTokenType.Null } => new JArray(),
                _ => throw Invalid(path, "is not an image index: it has no 'manifests' array"),
            };

            var entries = new List<LayoutIndexEntry>(manifests.Count);
            for (int i = 0; i < manifests.Count; i++)
            {
                entries.Add(ParseEntry(manifests[i], i, path));
            }

            return new LayoutIndex(document, entries);
        }

        /// <summary>
        /// Replaces every entry matching <paramref name="replaces"/> with <paramref name="entry"/> (or adds
        /// it), keeping the entries in the order index.json is written in (<see cref="Sort"/>).
        /// </summary>
        public void Upsert(LayoutIndexEntry entry, Func<LayoutIndexEntry, bool> replaces)
        {
            _entries.RemoveAll(existing => replaces(existing));
            _entries.Add(entry);
            Sort();
        }

        /// <summary>
        /// Orders the entries by name (the full reference, else the tag, else none), then by digest, ordinal
        /// (DESIGN §4 "Deterministic"): the same entries give the same index.json whatever order they were
        /// added in. Entries equal in both keep their relative order (foreign duplicates stay as they were).
        /// </summary>
        public void Sort()
        {
            List<LayoutIndexEntry> sorted = _entries
                .Select((entry, position) => (Entry: entry, Key: SortKey(entry), Position: position))
                .OrderBy(e => e.Key.Name, StringComparer.Ordinal)
                .ThenBy(e => e.Key.Digest, StringComparer.Ordinal)
                .ThenBy(e => e.Position)
                .Select(e => e.Entry)
                .ToList();
            _entries.Clear();
            _entries.AddRange(sorted);
        }

        /// <summary>
        /// The document as UTF-8 JSON (no BOM, no indentation, fields in the order read or written), with the
        /// current entries in the order of <see cref="Sort"/>: byte-identical for the same entries.
        /// </summary>
        public byte[] ToBytes()
        {
            Sort();
            var manifests = new JArray();
            foreach (LayoutIndexEntry entry in _entries)
            {
                manifests.Add(entry.Json);
            }

            _document["manifests"] = manifests;
            return Utf8NoBom.GetBytes(_document.ToString(Formatting.None));
        }

        private static (string Name, string Digest) SortKey(LayoutIndexEntry entry)
        {
            BundleEntry described = LayoutNameResolver.Describe(entry.Descriptor);
            return (described.FullName ?? described.Tag ?? string.Empty, entry.Descriptor.Digest.ToString());
        }

        private static LayoutIndexEntry ParseEntry(JToken token, int position, string path)
        {
            if (!(token is JObject json))
            {
                throw Invalid(path, $"manifests[{position}] is not a JSON object");
            }

            try
            {
                Descriptor descriptor = json.ToObject<Descriptor>()
                    ?? throw new JsonSerializationException("the entry is null");
                return new LayoutIndexEntry(json, descriptor);
            }
            catch (Exception e) when (e is JsonException || e is ArgumentException || e is FormatException)
            {
                throw Invalid(path, $"manifests[{position}] is not a valid descriptor: {e.Message}", e);
            }
        }

        private static OciException Invalid(string path, string why, Exception? inner = null) =>
            new OciException(OciErrorKind.InvalidLayout, $"'{path}' {why.TrimEnd('.')}.", inner) { Path = path };
    }
}
