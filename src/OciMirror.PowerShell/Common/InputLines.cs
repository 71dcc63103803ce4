using System.Collections.Generic;
using OciMirror.Core.References;

namespace OciMirror.PowerShell.Common
{
    /// <summary>
    /// Filters reference lines as they arrive from the pipeline (<c>Get-Content refs.txt</c>): blank lines
    /// and lines whose first non-blank character is <c>#</c> are skipped, others are trimmed.
    /// </summary>
    internal static class InputLines
    {
        /// <summary>Appends the usable lines of <paramref name="lines"/> to <paramref name="into"/>, in order.</summary>
        public static void AddReferences(IEnumerable<string?>? lines, ICollection<string> into)
        {
            foreach (string line in ReferenceLines.Filter(lines))
            {
                into.Add(line);
            }
        }
    }
}
