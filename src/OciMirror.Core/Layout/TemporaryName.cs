using System;
using System.IO;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// The hidden name a file is written under before it is renamed into place (<see cref="AtomicFile"/>,
    /// the archive output): <c>.&lt;name&gt;.&lt;32 hex&gt;.tmp</c> in the same directory, unique per writer,
    /// and recognisable later as debris of that file (<see cref="StaleFiles"/>).
    /// </summary>
    internal static class TemporaryName
    {
        private const string Suffix = ".tmp";
        private const int UniqueLength = 32;

        /// <summary>A new temporary path next to <paramref name="path"/>.</summary>
        public static string For(string path) =>
            Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + Suffix);

        /// <summary>The search pattern that finds the temporary files of <paramref name="fileName"/> (then check with <see cref="IsFor"/>).</summary>
        public static string PatternFor(string fileName) => "." + fileName + ".*" + Suffix;

        /// <summary>True when <paramref name="candidate"/> (a file name) is a temporary name of <paramref name="fileName"/>.</summary>
        public static bool IsFor(string candidate, string fileName)
        {
            string prefix = "." + fileName + ".";
            if (candidate.Length != prefix.Length + UniqueLength + Suffix.Length
                || !candidate.StartsWith(prefix, StringComparison.Ordinal)
                || !candidate.EndsWith(Suffix, StringComparison.Ordinal))
            {
                return false;
            }

            for (int i = prefix.Length; i < prefix.Length + UniqueLength; i++)
            {
                char c = candidate[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
