using System;
using System.Threading.Tasks;

namespace OciMirror.Benchmarks
{
    /// <summary>Entry point: <c>dotnet run -c Release --project tests/OciMirror.Benchmarks -- [--size-mb 300] [--runs 3]</c>.</summary>
    internal static class Program
    {
        private static async Task<int> Main(string[] args)
        {
            BenchmarkOptions options;
            try
            {
                options = BenchmarkOptions.Parse(args);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            try
            {
                return await new BenchmarkRunner(options).RunAsync();
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine("Benchmark failed: " + e.Message);
                return 1;
            }
        }
    }
}
