using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace OciMirror.Benchmarks.Measure
{
    /// <summary>
    /// Runs external programs (skopeo) and times them. Peak memory comes from GNU time's
    /// "Maximum resident set size" (<c>/usr/bin/time -v</c>) when it is installed; several commands of
    /// one run report the largest.
    /// </summary>
    internal static class ExternalCommand
    {
        private const string GnuTime = "/usr/bin/time";
        private static readonly Regex MaxRss = new Regex(@"Maximum resident set size \(kbytes\): (\d+)");

        /// <summary>Runs every command in order; fails on a non-zero exit code, naming the command and its error output.</summary>
        public static async Task<Sample> MeasureAsync(IReadOnlyList<string[]> commands)
        {
            double peak = 0;
            var clock = Stopwatch.StartNew();
            foreach (string[] command in commands)
            {
                peak = Math.Max(peak, await RunAsync(command));
            }

            clock.Stop();
            return new Sample(clock.Elapsed, peak);
        }

        /// <summary>Runs one command; returns its peak RSS in MiB (0 without GNU time).</summary>
        public static async Task<double> RunAsync(string[] command)
        {
            bool timed = File.Exists(GnuTime);
            var info = new ProcessStartInfo(timed ? GnuTime : command[0]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            if (timed)
            {
                info.ArgumentList.Add("-v");
                info.ArgumentList.Add(command[0]);
            }

            for (int i = 1; i < command.Length; i++)
            {
                info.ArgumentList.Add(command[i]);
            }

            using Process process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start " + command[0]);
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            string err = await stderr;
            await stdout;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'{string.Join(" ", command)}' exited with {process.ExitCode}: {err}");
            }

            Match m = MaxRss.Match(err);
            return m.Success ? long.Parse(m.Groups[1].Value) / 1024.0 : 0;
        }
    }
}
