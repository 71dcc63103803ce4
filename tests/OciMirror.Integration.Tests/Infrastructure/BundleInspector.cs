using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;

namespace OciMirror.Integration.Tests.Infrastructure
{
    /// <summary>Reads a bundle directory with plain file I/O (the oracle side: no OciMirror code).</summary>
    public static class BundleInspector
    {
        /// <summary>Every file under <paramref name="root"/>, as relative paths with '/'.</summary>
        public static IReadOnlyList<string> Files(string root) =>
            Directory.Exists(root)
                ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).ToList()
                : (IReadOnlyList<string>)Array.Empty<string>();

        /// <summary>Every directory under <paramref name="root"/>, relative.</summary>
        public static IReadOnlyList<string> Directories(string root) =>
            Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).ToList();

        /// <summary>The digests of the files under blobs/sha256.</summary>
        public static IReadOnlySet<string> BlobDigests(string root) =>
            Files(root).Where(f => f.StartsWith("blobs/sha256/", StringComparison.Ordinal)).Select(f => "sha256:" + f.Substring("blobs/sha256/".Length)).ToHashSet();

        /// <summary>
        /// Problems with the files under blobs/: a name that is not a sha256 hex digest, or content that
        /// does not hash to its name. Empty when every blob is complete and verified.
        /// </summary>
        public static IReadOnlyList<string> BlobProblems(string root)
        {
            var problems = new List<string>();
            foreach (string file in Files(root).Where(f => f.StartsWith("blobs/", StringComparison.Ordinal)))
            {
                string name = Path.GetFileName(file);
                if (!file.StartsWith("blobs/sha256/", StringComparison.Ordinal) || name.Length != 64 || name.Any(c => !Uri.IsHexDigit(c) || char.IsUpper(c)))
                {
                    problems.Add($"{file}: not a blobs/sha256/<hex> file");
                    continue;
                }

                string actual = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(root, file)))).ToLowerInvariant();
                if (actual != name)
                {
                    problems.Add($"{file}: content hashes to {actual}");
                }
            }

            return problems;
        }

        /// <summary>The manifests of index.json as (digest, mediaType, annotations).</summary>
        public static IReadOnlyList<(string Digest, string? MediaType, IReadOnlyDictionary<string, string> Annotations)> IndexEntries(string root)
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, "index.json")));
            var list = new List<(string, string?, IReadOnlyDictionary<string, string>)>();
            foreach (JsonElement m in doc.RootElement.GetProperty("manifests").EnumerateArray())
            {
                var annotations = new Dictionary<string, string>();
                if (m.TryGetProperty("annotations", out JsonElement a) && a.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty p in a.EnumerateObject())
                    {
                        annotations[p.Name] = p.Value.GetString() ?? string.Empty;
                    }
                }

                list.Add((m.GetProperty("digest").GetString()!, m.TryGetProperty("mediaType", out JsonElement mt) ? mt.GetString() : null, annotations));
            }

            return list;
        }

        /// <summary>The <c>io.containerd.image.name</c> values of index.json.</summary>
        public static IReadOnlyList<string> ImageNames(string root) =>
            IndexEntries(root).Select(e => e.Annotations.TryGetValue("io.containerd.image.name", out string? n) ? n : string.Empty).Where(n => n.Length > 0).ToList();
    }
}
