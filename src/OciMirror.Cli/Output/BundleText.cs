using OciMirror.Core.Diagnostics;
using System;
using System.Collections.Generic;
using System.Linq;
using OciMirror.Core.Operations;

namespace OciMirror.Cli.Output
{
    /// <summary>The human output of <c>ls</c> (a table) and <c>verify</c> (one line per entry and per problem).</summary>
    internal static class BundleText
    {
        private const int ShortDigestHex = 12;

        /// <summary>REFERENCE, DIGEST (short), PLATFORMS, SIZE, TYPE; columns padded to the widest cell.</summary>
        public static IEnumerable<string> Table(IReadOnlyList<BundleArtifactInfo> entries)
        {
            var rows = new List<string[]> { new[] { "REFERENCE", "DIGEST", "PLATFORMS", "SIZE", "TYPE" } };
            rows.AddRange(entries.Select(e => new[]
            {
                TerminalText.Escape(e.Reference),
                TerminalText.Escape(ShortDigest(e.Digest)),
                e.Platforms.Count == 0 ? "-" : TerminalText.Escape(string.Join(",", e.Platforms)),
                ByteSize.Format(e.Size),
                TerminalText.Escape(e.ArtifactType ?? e.MediaType),
            }));
            int[] widths = Enumerable.Range(0, 5).Select(c => rows.Max(r => r[c].Length)).ToArray();
            return rows.Select(r => string.Join("  ", r.Select((cell, c) => c == r.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
        }

        /// <summary>
        /// <c>ok REFERENCE DIGEST</c> (plus <c>partial, absent: linux/arm64,…</c> for an index of which the bundle
        /// holds only some platforms) / <c>damaged REFERENCE DIGEST bad: D1,D2</c> per entry (with <c>note: …</c>
        /// for an entry that is not an image or index), then
        /// <c>bad-blob DIGEST KIND LOCATION: MESSAGE</c> per bad blob and <c>layout MESSAGE</c> per layout problem.
        /// Full digests, so a script can pick them out.
        /// </summary>
        public static IEnumerable<string> Report(BundleVerifyReport report)
        {
            int width = report.Artifacts.Count == 0 ? 0 : report.Artifacts.Max(a => TerminalText.Escape(a.Reference).Length);
            foreach (BundleArtifactCheck a in report.Artifacts)
            {
                string line = (a.IsValid ? "ok       " : "damaged  ") + TerminalText.Escape(a.Reference).PadRight(width) + "  " + TerminalText.Escape(a.Digest);
                if (a.AbsentPlatforms.Count > 0)
                {
                    line += "  partial, absent: " + TerminalText.Escape(string.Join(",", a.AbsentPlatforms));
                }

                line = a.BadBlobs.Count == 0 ? line : line + "  bad: " + TerminalText.Escape(string.Join(",", a.BadBlobs));
                yield return a.Note == null ? line : line + "  note: " + TerminalText.Escape(a.Note);
            }

            foreach (BlobProblem b in report.BadBlobs)
            {
                yield return TerminalText.Escape($"bad-blob {b.Digest}  {b.Kind}  {b.Location}: {b.Message}");
            }

            foreach (string problem in report.LayoutProblems)
            {
                yield return "layout   " + TerminalText.Escape(problem);
            }
        }

        /// <summary>The stderr summary line of <c>verify</c>.</summary>
        public static string Summary(BundleVerifyReport report) => TerminalText.Escape(report.IsValid
            ? $"verify: {report.BundlePath}: valid; {report.Artifacts.Count} reference(s), {report.BlobsChecked} blob(s), {ByteSize.Format(report.BytesChecked)} hashed"
            : $"verify: {report.BundlePath}: DAMAGED; {report.BadBlobs.Count} bad blob(s), {report.LayoutProblems.Count} layout problem(s), "
              + $"{report.Artifacts.Count(a => !a.IsValid)} of {report.Artifacts.Count} reference(s) affected; {report.BlobsChecked} blob(s), {ByteSize.Format(report.BytesChecked)} hashed");

        private static string ShortDigest(string digest)
        {
            int colon = digest.IndexOf(':');
            return colon >= 0 && digest.Length > colon + 1 + ShortDigestHex ? digest.Substring(0, colon + 1 + ShortDigestHex) : digest;
        }
    }
}
