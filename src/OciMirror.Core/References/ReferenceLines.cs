using System.Collections.Generic;

namespace OciMirror.Core.References
{
    /// <summary>
    /// The rule every front end applies to lists of references (refs.txt, piped lines): lines are trimmed;
    /// blank lines and lines starting with <c>#</c> are comments and are skipped.
    /// </summary>
    public static class ReferenceLines
    {
        /// <summary>The usable lines of <paramref name="lines"/>, trimmed, in order; null yields nothing.</summary>
        public static IEnumerable<string> Filter(IEnumerable<string?>? lines)
        {
            if (lines == null)
            {
                yield break;
            }

            foreach (string? line in lines)
            {
                string trimmed = (line ?? string.Empty).Trim();
                if (trimmed.Length > 0 && trimmed[0] != '#')
                {
                    yield return trimmed;
                }
            }
        }
    }
}
