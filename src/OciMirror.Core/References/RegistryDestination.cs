using OciMirror.Core.Errors;

namespace OciMirror.Core.References
{
    /// <summary>
    /// An import destination <c>host[:port][/prefix]</c> (DESIGN §5). Mapping keeps each repository path
    /// and replaces the registry: <c>docker.io/library/nginx:1.27</c> → <c>host/prefix/library/nginx:1.27</c>;
    /// scoped mapping keeps the source registry as the first segment (<c>host/prefix/docker.io/library/nginx:1.27</c>).
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
        public Reference Map(Reference source, bool scoped)
        {
            string path = scoped ? source.Registry + "/" + source.Repository : source.Repository;
            return source.WithName(Registry, Prefix == null ? path : Prefix + "/" + path);
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
