using System;
using System.Collections.Generic;
using System.Linq;

namespace OciMirror.Benchmarks.Measure
{
    /// <summary>The samples of one scenario and their medians.</summary>
    internal sealed class ResultRow
    {
        public ResultRow(string name, IReadOnlyList<Sample> samples)
        {
            Name = name;
            Samples = samples;
        }

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

        public string Format(long bytes) =>
            string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "| {0,-42} | {1,8:F2} s | {2,8:F0} MB/s | {3,8:F0} MiB | {4} |",
                Name,
                MedianSeconds,
                bytes / 1e6 / MedianSeconds,
                MedianPeakMiB,
                string.Join(" ", Samples.Select(s => s.Wall.TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture))));
    }
}
