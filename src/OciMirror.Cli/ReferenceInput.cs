using System;
using OciMirror.Core.References;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Cli
{
    /// <summary>
    /// Collects references from the command line and from <c>--from-file FILE</c> (or <c>-</c> for stdin):
    /// one per line, surrounding white space trimmed, blank lines and lines starting with <c>#</c> ignored.
    /// Order is kept (arguments first); malformed references are kept so the engine reports each one.
    /// </summary>
    internal static class ReferenceInput
    {
        /// <exception cref="UsageException">The file cannot be read.</exception>
        public static async Task<IReadOnlyList<string>> ReadAsync(IEnumerable<string>? arguments, string? fromFile, TextReader stdin, CancellationToken cancellationToken)
        {
            var result = new List<string>();
            if (arguments != null)
            {
                AddLines(result, arguments);
            }

            if (fromFile == "-")
            {
                string all = await stdin.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                AddLines(result, all.Split('\n'));
            }
            else if (!string.IsNullOrEmpty(fromFile))
            {
                string[] lines;
                try
                {
                    lines = await File.ReadAllLinesAsync(fromFile, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw new UsageException($"cannot read --from-file '{fromFile}': {e.Message}");
                }

                AddLines(result, lines);
            }

            return result;
        }

        private static void AddLines(List<string> result, IEnumerable<string> lines) => result.AddRange(ReferenceLines.Filter(lines));
    }
}
