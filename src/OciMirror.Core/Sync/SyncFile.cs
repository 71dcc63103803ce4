using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Credentials;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Sync
{
    /// <summary>
    /// A sync file: skopeo's sync YAML, accepted unchanged, plus OciMirror's additive keys (DESIGN §13).
    /// <code>
    /// registry.example.com:              # a registry (host[:port])
    ///   images:                          # skopeo: repository → tags or digests; [] = every tag
    ///     busybox: []
    ///     redis: ["1.0", "2.0", "sha256:…"]
    ///   images-by-tag-regex:             # skopeo: repository → regular expression (matches anywhere unless anchored)
    ///     nginx: ^1\.13\.[12]-alpine-perl$
    ///   images-by-semver:                # skopeo: repository → Masterminds range
    ///     alpine: ">= 3.12.0"
    ///   credentials: {username: john, password: secret}   # or password-env: VAR (OciMirror)
    ///   tls-verify: true                 # false: skip verification, http:// when the registry has no TLS
    ///   cert-dir: /home/john/certs       # *.crt, *.cert, *.key of this registry (relative: to this file)
    ///   # OciMirror's keys, for every repository of this registry:
    ///   exclude: ["*-rc*"]               # wildcards; exclude-regex: [...] for regular expressions
    ///   latest: 3                        # the tags of the 3 highest semantic versions
    ///   prereleases: false               # let pre-releases through ranges and latest
    ///   digest-tags: with-images         # include | exclude | with-images (cosign sha256-….sig/.att/.sbom)
    ///   platforms: [linux/amd64]
    ///   destination: registry.corp.local/mirror   # host[:port][/prefix] replacing the run's destination
    ///   repositories:                    # one repository with every selection option
    ///     team/app:
    ///       semver: ">=1.4 <2"           # also tags, include, include-regex, exclude, exclude-regex, latest,
    ///       exclude: ["*-rc*"]           #   prereleases, digest-tags, platforms, destination,
    ///       destination-repository: registry.corp.local/prod/app   # an exact target repository (a rename)
    /// </code>
    /// Every unknown key, wrong type, invalid regular expression or semantic-version range, and invalid
    /// repository, tag or digest is an error naming the file, the line and the key; nothing is copied then.
    /// Immutable once read.
    /// </summary>
    public sealed class SyncFile
    {
        internal SyncFile(string path, IReadOnlyList<SyncRegistry> registries)
        {
            Path = path;
            Registries = registries;
        }

        /// <summary>The file as given.</summary>
        public string Path { get; }

        public IReadOnlyList<SyncRegistry> Registries { get; }

        /// <summary>Every entry of every registry, in file order.</summary>
        public IEnumerable<SyncEntry> Entries => Registries.SelectMany(r => r.Entries);

        /// <summary>Reads and validates <paramref name="path"/>.</summary>
        /// <exception cref="OciException">InvalidConfiguration naming the file (and the line and key for a bad value); IOFailed when it cannot be read.</exception>
        public static Task<SyncFile> LoadAsync(string path, CancellationToken cancellationToken) =>
            LoadAsync(path, SystemCredentialEnvironment.Instance, cancellationToken);

        /// <summary>As <see cref="LoadAsync(string, CancellationToken)"/>, with environment variables and the home directory from <paramref name="environment"/>.</summary>
        internal static async Task<SyncFile> LoadAsync(string path, ICredentialEnvironment environment, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("A sync file path is required.", nameof(path));
            }

            string? text;
            try
            {
                text = await SystemCredentialEnvironment.ReadTextFileAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (OciException e)
            {
                throw new OciException(OciErrorKind.InvalidConfiguration, $"The sync file '{path}' cannot be read: {e.Message}", e) { Path = path };
            }

            if (text == null)
            {
                throw new OciException(OciErrorKind.InvalidConfiguration, $"The sync file '{path}' does not exist.") { Path = path, RecommendedAction = "Give the path of a sync YAML file." };
            }

            return SyncFileReader.Read(text, path, environment.GetEnvironmentVariable, environment.HomeDirectory);
        }
    }
}
