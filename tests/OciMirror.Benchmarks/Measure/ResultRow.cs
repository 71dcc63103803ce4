using System;
using System.Collections.Generic;
using System.Linq;

namespace OciMirror.Benchmarks.Measure
{
    /// <summary>The samples of one scenario and their medians.</summary>
    internal sealed class ResultRow
    {
        /// <param name="bytes">The bytes the scenario moves, for its throughput; null for the corpus's unique layer bytes, 0 when a throughput means nothing.</param>
        public ResultRow(string name, IReadOnlyList<Sample> samples, long? bytes = null)
        {
            Name = name;
            Samples = samples;
            Bytes = bytes;
        }

        /// <summary>The bytes of this scenario when they are not the corpus's (files pushed, one platform).</summary>
        public long? Bytes { get; }

        public string Name { get; }

        public IReadOnlyList<Sample> Samples { get; }

        public double MedianSeconds => Median(Samples.Select(s => s.Wall.TotalSeconds));

        public double MedianPeakMiB => Median(Samples.Select(s => s.PeakRssMiB));

        public static double Median(IEnumerable<double> values)
        {
            double[] sorted = values.OrderBy(v => v).ToArray();
            if (sorted.Length == 0)
            {
                return double.NaN;
            }

            int mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        public string Format(long corpusBytes) =>
            string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "| {0,-42} | {1,8:F2} s | {2,13} | {3,8:F0} MiB | {4} |",
                Name,
                MedianSeconds,
                (Bytes ?? corpusBytes) == 0 ? "-" : string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0,8:F0} MB/s", (Bytes ?? corpusBytes) / 1e6 / MedianSeconds),
                MedianPeakMiB,
                string.Join(" ", Samples.Select(s => s.Wall.TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture))));
    }
}
