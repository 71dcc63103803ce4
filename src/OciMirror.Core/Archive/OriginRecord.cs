using System.Collections.Generic;
using OciMirror.Core.References;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// The pax record an archive bundle puts in each blob's tar entry to say which repository the blob was
    /// exported for: <c>comment=ocimirror.repository=registry/path</c>. POSIX.1-2017 pax defines the
    /// <c>comment</c> keyword for text every reader ignores (GNU tar warns about unknown vendor keywords,
    /// not about it). A one-pass import pushes the blob straight into that repository's destination
    /// instead of staging it.
    /// </summary>
    internal static class OriginRecord
    {
        public const string Keyword = "comment";

        private const string Prefix = "ocimirror.repository=";

        /// <summary>The records for an entry of <paramref name="repository"/>, or null when it has none.</summary>
        public static IReadOnlyDictionary<string, string>? For(string? repository) =>
            repository == null ? null : new Dictionary<string, string> { [Keyword] = Prefix + repository };

        /// <summary>
        /// The repository an entry says it is for, normalized, or null when it says none or something that is not
        /// a repository name (an untrusted archive: the value only ever chooses where a verified blob goes).
        /// </summary>
        public static string? Of(TarEntry entry)
        {
            if (!entry.PaxRecords.TryGetValue(Keyword, out string? value) || !value.StartsWith(Prefix, System.StringComparison.Ordinal))
            {
                return null;
            }

            try
            {
                Reference parsed = Reference.ParseRepository(value.Substring(Prefix.Length));
                return parsed.Tag == null && parsed.Digest == null ? parsed.Name : null;
            }
            catch (Errors.OciException)
            {
                return null;
            }
        }
    }
}
