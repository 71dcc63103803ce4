using System.Linq;
using OciMirror.Core.Errors;

namespace OciMirror.Core.References
{
    /// <summary>
    /// An import destination <c>host[:port][/prefix]</c> (DESIGN §5). Mapping keeps each repository path
    /// and replaces the registry: <c>docker.io/library/nginx:1.27</c> → <c>host/prefix/library/nginx:1.27</c>;
    /// scoped mapping keeps the source registry as the first segment (<c>host/prefix/docker.io/library/nginx:1.27</c>).
    /// A registry with a port cannot be a path segment as it is (':' is not allowed in repository paths, and
    /// skopeo's --scoped fails on it): its ':' becomes '_' (<c>lab.corp.local:5000</c> →
    /// <c>lab.corp.local_5000</c>). The rule is reversible because host names never contain '_': the last '_'
    /// followed only by digits is the port separator (<see cref="SourceRegistryOfScopedSegment"/>).
    /// </summary>
    public sealed class RegistryDestination
    {
        private RegistryDestination(string registry, string? prefix)
        {
            Registry = registry;
            Prefix = prefix;
        }

        /// <summary>The normalized registry host[:port].</summary>
        public string Registry { get; }

        /// <summary>The repository prefix without surrounding slashes, or null.</summary>
        public string? Prefix { get; }

        /// <summary>
        /// Parses <c>host[:port][/prefix]</c>. The host must look like a registry (contain '.' or ':' or be
        /// <c>localhost</c>), so that <c>myrepo</c> is not silently taken for Docker Hub.
        /// </summary>
        /// <exception cref="OciException">Kind InvalidReference naming the input.</exception>
        public static RegistryDestination Parse(string text)
        {
            string input = (text ?? string.Empty).Trim().TrimEnd('/');
            if (input.Length == 0)
            {
                throw Invalid(text ?? string.Empty, "it is empty");
            }

            if (input.IndexOf("://", System.StringComparison.Ordinal) >= 0)
            {
                throw Invalid(text!, "write host[:port][/prefix] without a scheme; use the plain-HTTP option for http");
            }

            if (input.IndexOf('@') >= 0 || input.Substring(input.LastIndexOf('/') + 1).IndexOf(':') >= 0 && input.IndexOf('/') >= 0)
            {
                throw Invalid(text!, "a destination has no tag or digest");
            }

            int slash = input.IndexOf('/');
            string host = slash < 0 ? input : input.Substring(0, slash);
            string? prefix = slash < 0 ? null : input.Substring(slash + 1);
            if (host.IndexOfAny(new[] { '.', ':' }) < 0 && host != "localhost")
            {
                throw Invalid(text!, $"'{host}' is not a registry host; write host[:port][/prefix], for example registry.corp.local/mirror");
            }

            // Validate host and prefix with the reference grammar by parsing a probe reference.
            Reference probe;
            try
            {
                probe = Reference.ParseRepository(host + "/" + (prefix ?? "probe"));
            }
            catch (OciException e)
            {
                throw Invalid(text!, e.Message.Substring(e.Message.IndexOf(':') + 1).Trim().TrimEnd('.'));
            }

            return new RegistryDestination(probe.Registry, prefix);
        }

        /// <summary>The destination of <paramref name="source"/>, keeping its tag and digest.</summary>
        /// <exception cref="OciException">InvalidReference: a scoped source registry that cannot be a path segment (an IPv6 address).</exception>
        public Reference Map(Reference source, bool scoped)
        {
            string path = scoped ? ScopedSegment(source.Registry) + "/" + source.Repository : source.Repository;
            return source.WithName(Registry, Prefix == null ? path : Prefix + "/" + path);
        }

        /// <summary>The path segment a scoped mapping uses for <paramref name="registry"/>: lowercase, ':' before the port as '_'.</summary>
        /// <exception cref="OciException">InvalidReference: an IPv6 address, which has no valid segment form.</exception>
        public static string ScopedSegment(string registry)
        {
            string segment = registry.ToLowerInvariant();
            if (segment.StartsWith("[", System.StringComparison.Ordinal))
            {
                throw new OciException(OciErrorKind.InvalidReference, $"The registry '{registry}' (an IPv6 address) cannot be kept as a repository path segment for a scoped copy.")
                {
                    Reference = registry,
                    RecommendedAction = "Name the registry by a host name, or copy without the scoped option.",
                };
            }

            int colon = segment.LastIndexOf(':');
            return colon < 0 ? segment : segment.Substring(0, colon) + "_" + segment.Substring(colon + 1);
        }

        /// <summary>The registry (host[:port]) a <see cref="ScopedSegment"/> was made from: the last '_' before digits is the ':'.</summary>
        internal static string SourceRegistryOfScopedSegment(string segment)
        {
            int underscore = segment.LastIndexOf('_');
            bool port = underscore > 0 && underscore < segment.Length - 1 && segment.Substring(underscore + 1).All(char.IsDigit);
            return port ? segment.Substring(0, underscore) + ":" + segment.Substring(underscore + 1) : segment;
        }

        /// <summary>
        /// The repository for a bundle entry that has no repository name (a tag-only or untagged entry):
        /// the prefix itself. Null when there is no prefix.
        /// </summary>
        public Reference? RepositoryForUnnamed() => Prefix == null ? null : Reference.ParseRepository(Registry + "/" + Prefix);

        public override string ToString() => Prefix == null ? Registry : Registry + "/" + Prefix;

        private static OciException Invalid(string input, string why) =>
            new OciException(OciErrorKind.InvalidReference, $"Invalid destination '{input}': {why}.") { Reference = input };
    }
}
