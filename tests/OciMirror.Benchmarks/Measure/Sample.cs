using System;

namespace OciMirror.Benchmarks.Measure
{
    /// <summary>One timed run: wall time and peak resident memory (MiB, 0 when unknown).</summary>
    internal readonly struct Sample
    {
        public Sample(TimeSpan wall, double peakRssMiB)
        {
            Wall = wall;
            PeakRssMiB = peakRssMiB;
        }

        public TimeSpan Wall { get; }

        public double PeakRssMiB { get; }
    }
}
