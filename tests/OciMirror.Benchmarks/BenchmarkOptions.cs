using System;
using System.IO;

namespace OciMirror.Benchmarks
{
    /// <summary>Command line: <c>[--size-mb 300] [--runs 3] [--concurrency 4] [--work DIR] [--no-skopeo]</c>.</summary>
    internal sealed class BenchmarkOptions
    {
        public int SizeMiB { get; private set; } = 300;

        public int Runs { get; private set; } = 3;

        public int Concurrency { get; private set; } = 4;

        public string WorkDirectory { get; private set; } = Path.Combine(Path.GetTempPath(), "ocimirror-bench-" + Guid.NewGuid().ToString("N").Substring(0, 8));

        public bool Skopeo { get; private set; } = true;

        /// <exception cref="ArgumentException">An unknown flag or a bad number.</exception>
        public static BenchmarkOptions Parse(string[] args)
        {
            var options = new BenchmarkOptions();
            for (int i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--size-mb": options.SizeMiB = Positive(Next()); break;
                    case "--runs": options.Runs = Positive(Next()); break;
                    case "--concurrency": options.Concurrency = Positive(Next()); break;
                    case "--work": options.WorkDirectory = Path.GetFullPath(Next()); break;
                    case "--no-skopeo": options.Skopeo = false; break;
                    default:
                        if (int.TryParse(args[i], out int runs) && runs > 0)
                        {
                            options.Runs = runs; // "N from args": a bare number is the run count
                            break;
                        }

                        throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: [--size-mb 300] [--runs 3] [--concurrency 4] [--work DIR] [--no-skopeo]");
                }
            }

            return options;
        }

        private static int Positive(string text) =>
            int.TryParse(text, out int n) && n > 0 ? n : throw new ArgumentException($"'{text}' is not a positive number.");
    }
}
