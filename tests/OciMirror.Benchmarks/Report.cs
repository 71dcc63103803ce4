using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OciMirror.Benchmarks.Measure;

namespace OciMirror.Benchmarks
{
    /// <summary>Prints the result table and the ratios DESIGN §11 sets as targets.</summary>
    internal static class Report
    {
        public static void Print(IReadOnlyList<ResultRow> rows, long bytes)
        {
            Console.WriteLine();
            Console.WriteLine($"| {"scenario",-42} | {"median",10} | {"throughput",13} | {"peak RSS",12} | runs (s) |");
            Console.WriteLine($"|{new string('-', 44)}|{new string('-', 12)}|{new string('-', 15)}|{new string('-', 14)}|----------|");
            foreach (ResultRow row in rows)
            {
                Console.WriteLine(row.Format(bytes));
            }

            Console.WriteLine();
            double Time(string name) => rows.FirstOrDefault(r => r.Name == name)?.MedianSeconds ?? double.NaN;
            Ratio("tgz export / tar export", Time("OciMirror export → tgz") / Time("OciMirror export → tar"), "≤ 1.3", v => v <= 1.3);
            Ratio("tar.zst export / tar export", Time("OciMirror export → tar.zst") / Time("OciMirror export → tar"), "≤ 1.2", v => v <= 1.2);
            Ratio("tar.zst list / tgz list (reading)", Time("OciMirror list tar.zst") / Time("OciMirror list tgz"), "≤ 1", v => v <= 1);
            Ratio("tar.zst verify / tgz verify (reading)", Time("OciMirror verify tar.zst") / Time("OciMirror verify tgz"), "≤ 1", v => v <= 1);
            Ratio("skopeo sync → dir / OciMirror export → dir", Time("skopeo sync docker → dir") / Time("OciMirror export → dir"), "≥ 3", v => v >= 3);
            Ratio("skopeo copy → oci: / OciMirror export → dir", Time("skopeo copy docker → oci: (one layout)") / Time("OciMirror export → dir"), "≥ 3", v => v >= 3);
            Ratio("skopeo sync dir → registry / OciMirror import", Time("skopeo sync dir → registry") / Time("OciMirror import dir → registry"), "≥ 2", v => v >= 2);
            Ratio("skopeo sync reg → reg / OciMirror sync", Time("skopeo sync registry → registry") / Time("OciMirror sync registry → registry"), "≥ 2", v => v >= 2);
            Ratio("skopeo no-op re-sync / OciMirror no-op re-sync", Time("skopeo no-op re-sync reg → reg") / Time("OciMirror no-op re-sync reg → reg"), "≥ 1", v => v >= 1);
            Ratio("skopeo copy reg → reg / OciMirror copy", Time("skopeo copy registry → registry") / Time("OciMirror copy registry → registry"), "≥ 2", v => v >= 2);
            Ratio("skopeo no-op re-copy / OciMirror no-op re-copy", Time("skopeo no-op re-copy reg → reg") / Time("OciMirror no-op re-copy reg → reg"), "≥ 1", v => v >= 1);
            Ratio("skopeo no-op copy / OciMirror no-op export", Time("skopeo copy → oci: (no-op re-run)") / Time("OciMirror no-op re-export → dir"), "≥ 1", v => v >= 1);
            double peak = rows.Where(r => r.Name.StartsWith("OciMirror", StringComparison.Ordinal)).Select(r => r.MedianPeakMiB).DefaultIfEmpty(double.NaN).Max();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-48} {1,8:F0} MiB  target < 150 MiB  {2}", "OciMirror peak RSS (largest median)", peak, double.IsNaN(peak) ? "n/a" : peak < 150 ? "ok" : "MISSED"));
        }

        private static void Ratio(string what, double value, string target, Func<double, bool> met) =>
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-48} {1,8:F2}×     target {2,-8} {3}", what, value, target, double.IsNaN(value) ? "n/a" : met(value) ? "ok" : "MISSED"));
    }
}
