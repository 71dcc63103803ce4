using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OciMirror.Benchmarks
{
    /// <summary>The skopeo command lines compared against (skopeo 1.9.3 from Debian), plain HTTP on 127.0.0.1.</summary>
    internal sealed class SkopeoScenarios
    {
        private readonly string _source;
        private readonly IReadOnlyList<string> _repositories;
        private readonly IReadOnlyList<string> _tags;

        /// <param name="source">The source registry host.</param>
        /// <param name="repositories">Repository paths of the corpus.</param>
        /// <param name="tags"><c>repository:tag</c> of every root.</param>
        public SkopeoScenarios(string source, IReadOnlyList<string> repositories, IReadOnlyList<string> tags)
        {
            _source = source;
            _repositories = repositories;
            _tags = tags;
        }

        /// <summary><c>skopeo sync --all --src docker --dest dir</c>, one call per repository (a docker source is one repository).</summary>
        public IReadOnlyList<string[]> SyncToDirectory(string directory) => _repositories
            .Select(r => Skopeo("sync", "--all", "--src", "docker", "--dest", "dir", "--src-tls-verify=false", _source + "/" + r, directory))
            .ToList();

        /// <summary><c>skopeo copy --all docker://… oci:LAYOUT:name</c> for every tag into one layout.</summary>
        public IReadOnlyList<string[]> CopyToOciLayout(string layout) => _tags
            .Select(t => Skopeo("copy", "--all", "--src-tls-verify=false", "docker://" + _source + "/" + t, "oci:" + layout + ":" + t.Substring(t.LastIndexOf('/') + 1).Replace(':', '-')))
            .ToList();

        /// <summary><c>skopeo sync --all --src dir --dest docker</c> of a directory written by <see cref="SyncToDirectory"/>.</summary>
        public IReadOnlyList<string[]> SyncDirectoryToRegistry(string directory, string destination) => new[]
        {
            Skopeo("sync", "--all", "--src", "dir", "--dest", "docker", "--dest-tls-verify=false", directory, destination),
        };

        /// <summary><c>skopeo sync --all --src docker --dest docker</c>, one call per repository (namespace), registry to registry.</summary>
        public IReadOnlyList<string[]> SyncToRegistry(string destination) => _repositories
            .Select(r => Skopeo("sync", "--all", "--src", "docker", "--dest", "docker", "--src-tls-verify=false", "--dest-tls-verify=false", _source + "/" + r, destination))
            .ToList();

        /// <summary><c>skopeo copy --all docker://… docker://…</c> for every tag, registry to registry (path kept under <paramref name="destination"/>).</summary>
        public IReadOnlyList<string[]> CopyToRegistry(string destination) => _tags
            .Select(t => Skopeo("copy", "--all", "--src-tls-verify=false", "--dest-tls-verify=false", "docker://" + _source + "/" + t, "docker://" + destination + "/" + t))
            .ToList();

        private static string[] Skopeo(params string[] arguments) => new[] { "skopeo", "--insecure-policy" }.Concat(arguments).ToArray();
    }
}
