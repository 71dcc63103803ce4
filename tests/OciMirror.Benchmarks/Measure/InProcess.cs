using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace OciMirror.Benchmarks.Measure
{
    /// <summary>
    /// Times work done inside this process. Peak memory is the kernel's VmHWM, reset before the run by
    /// writing 5 to /proc/self/clear_refs (Linux 4.0+), so it is the peak of this run: the runtime's own
    /// footprint included, the corpus not (it is generated as a stream and never held). Before the reset,
    /// an aggressive collection returns the memory earlier scenarios left committed to the OS, so the peak
    /// starts from what a fresh process would hold: without it the heap committed by every earlier row
    /// of the same process counted in each later row (the last rows showed 157 MiB where a fresh
    /// `ocimirror sync` of the same size peaks at 73 MB).
    /// </summary>
    internal static class InProcess
    {
        public static async Task<Sample> MeasureAsync(Func<Task> run)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            ResetPeak();
            var clock = Stopwatch.StartNew();
            await run();
            clock.Stop();
            return new Sample(clock.Elapsed, PeakMiB());
        }

        private static void ResetPeak()
        {
            try
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private static double PeakMiB()
        {
            const string status = "/proc/self/status";
            string? line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
            return line != null && long.TryParse(line.Substring(6).Trim().Split(' ')[0], out long kib) ? kib / 1024.0 : 0;
        }
    }
}
