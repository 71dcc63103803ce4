using System;
using System.Text.RegularExpressions;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.References
{
    /// <summary>
    /// A normalized image reference, parsed like the docker reference library (distribution/reference,
    /// normalize.go): <c>nginx</c> is <c>docker.io/library/nginx:latest</c>, <c>index.docker.io</c>
    /// becomes <c>docker.io</c>, a first component is a registry only when it contains <c>.</c> or
    /// <c>:</c> or is <c>localhost</c>, and <c>name:tag@digest</c> keeps both but resolves by digest.
    /// Immutable.
    /// </summary>
    public sealed class Reference : IEquatable<Reference>
    {
        /// <summary>The registry docker.io names.</summary>
        public const string DockerHub = "docker.io";

        /// <summary>The API host behind docker.io.</summary>
        public const string DockerHubApiHost = "registry-1.docker.io";

        private const int MaxNameLength = 255;

        // reference.go grammar: domain, path components, tag, digest.
        private static readonly Regex DomainPattern = new Regex(
            @"^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static readonly Regex PathComponentPattern = new Regex(
            @"^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static readonly Regex TagPattern = new Regex(@"^[\w][\w.-]{0,127}$", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private Reference(string registry, string repository, string? tag, Digest? digest)
        {
            Registry = registry;
            Repository = repository;
            Tag = tag;
            Digest = digest;
        }

        /// <summary>The normalized registry, for example <c>docker.io</c> or <c>localhost:5000</c>.</summary>
        public string Registry { get; }

        /// <summary>The repository path, for example <c>library/nginx</c>.</summary>
        public string Repository { get; }

        /// <summary>The tag, or null for a digest-only reference.</summary>
        public string? Tag { get; }

        /// <summary>The digest, or null.</summary>
        public Digest? Digest { get; }

        /// <summary><c>registry/repository</c>.</summary>
        public string Name => Registry + "/" + Repository;

        /// <summary>The host to contact: <c>registry-1.docker.io</c> for docker.io, else <see cref="Registry"/>.</summary>
        public string ApiHost => Registry == DockerHub ? DockerHubApiHost : Registry;

        /// <summary>What to resolve in the repository: the digest when there is one, else the tag.</summary>
        public string ResolveTarget => Digest?.ToString() ?? Tag!;

        /// <summary>
        /// Parses and normalizes <paramref name="text"/>. A reference without tag or digest gets
        /// <c>latest</c>.
        /// </summary>
        /// <exception cref="OciException">Kind InvalidReference, with a message naming the input and the fault.</exception>
        public static Reference Parse(string text) => Parse(text, defaultTag: "latest");

        /// <summary>Parses a repository name; a tag or digest, if present, is kept but not required.</summary>
        public static Reference ParseRepository(string text) => Parse(text, defaultTag: null);

        /// <summary>Parses without throwing; <paramref name="error"/> says what is wrong.</summary>
        public static bool TryParse(string? text, out Reference? reference, out string? error)
        {
            try
            {
                reference = Parse(text ?? string.Empty);
                error = null;
                return true;
            }
            catch (OciException e)
            {
                reference = null;
                error = e.Message;
                return false;
            }
        }

        /// <summary>True when <paramref name="tag"/> is a valid tag (<c>[\w][\w.-]{0,127}</c>, distribution reference grammar).</summary>
        public static bool IsValidTag(string? tag) => tag != null && TagPattern.IsMatch(tag);

        /// <summary>A copy with another tag and no digest.</summary>
        public Reference WithTag(string tag)
        {
            if (!TagPattern.IsMatch(tag ?? string.Empty))
            {
                throw Invalid(Name + ":" + tag, $"tag '{tag}' is not valid (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')");
            }

            return new Reference(Registry, Repository, tag, null);
        }

        /// <summary>A copy pinned to <paramref name="digest"/>, keeping the tag.</summary>
        public Reference WithDigest(Digest digest) => new Reference(Registry, Repository, Tag, digest);

        /// <summary>A copy in another registry and repository, keeping tag and digest.</summary>
        public Reference WithName(string registry, string repository) => Parse(registry + "/" + repository + Suffix(), defaultTag: null);

        /// <summary>The canonical string: <c>registry/repository[:tag][@digest]</c>.</summary>
        public override string ToString() => Name + Suffix();

        public bool Equals(Reference? other) => other != null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as Reference);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

        private string Suffix() => (Tag == null ? string.Empty : ":" + Tag) + (Digest == null ? string.Empty : "@" + Digest);

        private static Reference Parse(string text, string? defaultTag)
        {
            string input = text ?? string.Empty;
            string trimmed = input.Trim();
            if (trimmed.Length == 0)
            {
                throw Invalid(input, "it is empty");
            }

            if (trimmed.IndexOf("://", StringComparison.Ordinal) >= 0)
            {
                throw Invalid(input, "a reference has no scheme; write host/repository:tag without 'https://'");
            }

            string rest = trimmed;
            Digest? digest = null;
            int at = rest.IndexOf('@');
            if (at >= 0)
            {
                string digestText = rest.Substring(at + 1);
                if (!Model.Digest.TryParse(digestText, out Digest parsed, out string? digestError))
                {
                    throw Invalid(input, $"digest '{digestText}' is not valid: {digestError}");
                }

                digest = parsed;
                rest = rest.Substring(0, at);
            }

            // A tag is after the last ':' that follows the last '/' (a ':' before it is a port).
            string? tag = null;
            int lastSlash = rest.LastIndexOf('/');
            int colon = rest.IndexOf(':', lastSlash + 1);
            if (colon >= 0)
            {
                tag = rest.Substring(colon + 1);
                rest = rest.Substring(0, colon);
                if (tag.Length == 0)
                {
                    throw Invalid(input, "the tag after ':' is empty");
                }

                if (!TagPattern.IsMatch(tag))
                {
                    throw Invalid(input, $"tag '{tag}' is not valid (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')");
                }
            }

            string registry;
            string repository;
            int slash = rest.IndexOf('/');
            string first = slash < 0 ? rest : rest.Substring(0, slash);
            bool firstIsDomain = slash >= 0 && (first.IndexOfAny(new[] { '.', ':' }) >= 0 || first == "localhost" || !string.Equals(first, first.ToLowerInvariant(), StringComparison.Ordinal));
            if (firstIsDomain)
            {
                registry = first;
                repository = rest.Substring(slash + 1);
                if (!DomainPattern.IsMatch(registry))
                {
                    throw Invalid(input, $"registry '{registry}' is not a valid host[:port]");
                }

                registry = registry.ToLowerInvariant();
                if (registry == "index.docker.io" || registry == DockerHubApiHost)
                {
                    registry = DockerHub;
                }
            }
            else
            {
                registry = DockerHub;
                repository = rest;
            }

            if (repository.Length == 0)
            {
                throw Invalid(input, "the repository name is empty");
            }

            foreach (string component in repository.Split('/'))
            {
                if (!string.Equals(component, component.ToLowerInvariant(), StringComparison.Ordinal))
                {
                    throw Invalid(input, $"repository name '{repository}' must be lowercase");
                }

                if (!PathComponentPattern.IsMatch(component))
                {
                    throw Invalid(input, component.Length == 0
                        ? $"repository name '{repository}' has an empty path component"
                        : $"repository path component '{component}' is not valid (lowercase letters and digits, separated by '.', '_', '__' or '-')");
                }
            }

            if (registry == DockerHub && repository.IndexOf('/') < 0)
            {
                repository = "library/" + repository;
            }

            if (registry.Length + 1 + repository.Length > MaxNameLength)
            {
                throw Invalid(input, $"the name is longer than {MaxNameLength} characters");
            }

            if (tag == null && digest == null)
            {
                tag = defaultTag;
            }

            return new Reference(registry, repository, tag, digest);
        }

        private static OciException Invalid(string input, string why) =>
            new OciException(OciErrorKind.InvalidReference, $"Invalid reference '{input}': {why}.") { Reference = input };
    }
}
