using System;
using System.IO;
using OciMirror.Core.Errors;
using OciMirror.Core.References;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// How <c>sync</c> reads its source and destination arguments when they are not said explicitly. The rules
    /// are documented (README, Sync-OciRegistry help) because a name like <c>mirror.local</c> could be either.
    /// </summary>
    public static class SyncEndpoints
    {
        /// <summary>
        /// A sync file when the name ends with .yaml, .yml or .json, or is an existing file that is not an
        /// archive of those extensions; a bundle when it is an existing directory, another existing file, or looks
        /// like a path (starts with '.', '/', '~', holds '\', ends with .tar, .tgz, .tar.gz, .tar.zst);
        /// otherwise a repository reference. <paramref name="fileSystemPath"/> is where the name points on disk
        /// when the front end resolves relative paths itself (PowerShell's current location); default the name.
        /// </summary>
        public static SyncSourceKind SourceKindOf(string source, string? fileSystemPath = null)
        {
            string text = (source ?? string.Empty).Trim();
            if (HasExtension(text, ".yaml", ".yml", ".json"))
            {
                return SyncSourceKind.File;
            }

            return Exists(fileSystemPath ?? text) || LooksLikePath(text) ? SyncSourceKind.Bundle : SyncSourceKind.Repository;
        }

        /// <summary>
        /// A bundle when the name exists on disk or looks like a path (see <see cref="SourceKindOf"/>); a registry
        /// when it reads as <c>host[:port][/prefix]</c> (the host holds '.' or ':' or is localhost); else a bundle.
        /// <paramref name="fileSystemPath"/> as for <see cref="SourceKindOf"/>.
        /// </summary>
        public static SyncDestinationKind DestinationKindOf(string destination, string? fileSystemPath = null)
        {
            string text = (destination ?? string.Empty).Trim();
            if (Exists(fileSystemPath ?? text) || LooksLikePath(text))
            {
                return SyncDestinationKind.Bundle;
            }

            try
            {
                RegistryDestination.Parse(text);
                return SyncDestinationKind.Registry;
            }
            catch (OciException)
            {
                return SyncDestinationKind.Bundle;
            }
        }

        private static bool Exists(string path) => path.Length != 0 && (Directory.Exists(path) || File.Exists(path));

        private static bool LooksLikePath(string text) =>
            text.StartsWith(".", StringComparison.Ordinal) || text.StartsWith("/", StringComparison.Ordinal) || text.StartsWith("~", StringComparison.Ordinal)
            || text.IndexOf('\\') >= 0 || (text.Length > 1 && text[1] == ':' && char.IsLetter(text[0]) && (text.Length == 2 || text[2] == '\\' || text[2] == '/'))
            || HasExtension(text, ".tar", ".tgz", ".tar.gz", ".tar.zst");

        private static bool HasExtension(string text, params string[] extensions)
        {
            foreach (string extension in extensions)
            {
                if (text.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
