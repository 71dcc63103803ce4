using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Benchmarks.Corpus;
using OciMirror.Benchmarks.Infrastructure;
using OciMirror.Benchmarks.Measure;
using OciMirror.Core.Errors;

namespace OciMirror.Benchmarks
{
    /// <summary>
    /// DESIGN §11: builds the corpus, pushes it to a local registry, then runs every scenario
    /// <see cref="BenchmarkOptions.Runs"/> times, OciMirror and skopeo one after the other against the
    /// same registry, and prints medians and ratios. Set-up (deleting outputs, starting an empty
    /// destination registry) is outside the timed part.
    /// </summary>
    internal sealed partial class BenchmarkRunner
    {
        private readonly BenchmarkOptions _options;
        private readonly List<ResultRow> _rows = new List<ResultRow>();

        public BenchmarkRunner(BenchmarkOptions options) => _options = options;

        public async Task<int> RunAsync()
        {
            string work = _options.WorkDirectory;
            Directory.CreateDirectory(work);
            try
            {
                await using LocalRegistry source = await LocalRegistry.StartAsync(work);
                BenchCorpus corpus = BenchCorpus.Define(_options.SizeMiB * 1024L * 1024);
                await corpus.MeasureAsync();
                using (var pusher = new CorpusPusher(source.Host))
                {
                    await pusher.PushAsync(corpus);
                }

                long bytes = corpus.UniqueLayerBytes;
                Console.WriteLine($"Corpus: {corpus.Repositories.Count()} repositories, {corpus.Tags.Count()} tags, {corpus.Layers.Count()} layers, {bytes / 1e6:F0} MB unique; {_options.Runs} runs each, concurrency {_options.Concurrency}; work directory {work}");
                var ours = new OciMirrorScenarios(corpus.Tags.Select(t => source.Host + "/" + t).ToList(), _options.Concurrency);

                // The sync file of the sync scenarios: every tag of every repository, skopeo's format.
                await File.WriteAllTextAsync(Path.Combine(work, "sync.yaml"), source.Host + ":\n  images:\n" + string.Concat(corpus.Repositories.Select(r => "    " + r + ": []\n")));

                // One untimed export first: the engine runs in this process, so JIT compilation would otherwise land in the first sample.
                await ours.ExportAsync(Path.Combine(work, "warm-up"));
                Files.Delete(Path.Combine(work, "warm-up"));
                await RunOursAsync(ours, work);
                await RunArtifactsAsync(source.Host, corpus, work);
                if (_options.Skopeo)
                {
                    await RunSkopeoAsync(new SkopeoScenarios(source.Host, corpus.Repositories.ToList(), corpus.Tags.ToList()), work);
                }

                Report.Print(_rows, bytes);
                return 0;
            }
            finally
            {
                Files.DeleteDirectory(work);
            }
        }

        private async Task RunOursAsync(OciMirrorScenarios ours, string work)
        {
            string dir = Path.Combine(work, "export-dir");
            string tar = Path.Combine(work, "export.tar"), tgz = Path.Combine(work, "export.tgz"), zst = Path.Combine(work, "export.tar.zst"), split = Path.Combine(work, "split.tar.zst");
            foreach ((string name, string path) in new[] { ("OciMirror export → dir", dir), ("OciMirror export → tar", tar), ("OciMirror export → tgz", tgz), ("OciMirror export → tar.zst", zst) })
            {
                await RepeatAsync(name, () => Files.Delete(path), () => InProcess.MeasureAsync(() => ours.ExportAsync(path)));
            }

            // Parts of a tenth of the corpus: every large layer spans parts, as a 4 GiB FAT32 limit would cut a larger corpus.
            long partSize = Math.Max(Core.Volumes.SplitSize.Minimum, _options.SizeMiB * 1024L * 1024 / 10);
            await RepeatAsync("OciMirror export → tar.zst split", () => Files.DeleteSplitSet(split), () => InProcess.MeasureAsync(() => ours.ExportAsync(split, partSize)));
            await RepeatAsync("OciMirror no-op re-export → dir", () => { }, () => InProcess.MeasureAsync(() => ours.ExportAsync(dir)));

            // The cost of referrer discovery (the rows above find referrers; these do not).
            string plain = Path.Combine(work, "export-dir-no-referrers");
            await RepeatAsync("OciMirror export → dir, --no-referrers", () => Files.Delete(plain), () => InProcess.MeasureAsync(() => ours.ExportAsync(plain, referrers: false)));
            await RepeatAsync("OciMirror no-op re-export → dir, --no-referrers", () => { }, () => InProcess.MeasureAsync(() => ours.ExportAsync(plain, referrers: false)));
            await RepeatAsync("OciMirror no-op re-export → tar", () => { }, () => InProcess.MeasureAsync(() => ours.ExportAsync(tar)));
            await RepeatAsync("OciMirror no-op re-export → tgz", () => { }, () => InProcess.MeasureAsync(() => ours.ExportAsync(tgz)));
            await RepeatAsync("OciMirror no-op re-export → tar.zst", () => { }, () => InProcess.MeasureAsync(() => ours.ExportAsync(zst)));
            foreach ((string format, string path) in new[] { ("tar", tar), ("tgz", tgz), ("tar.zst", zst) })
            {
                await RepeatAsync("OciMirror list " + format, () => { }, () => InProcess.MeasureAsync(() => ours.ListAsync(path)));
                await RepeatAsync("OciMirror verify " + format, () => { }, () => InProcess.MeasureAsync(() => ours.VerifyAsync(path)));
            }

            await RepeatWithRegistryAsync("OciMirror import dir → registry", work, destination => InProcess.MeasureAsync(() => ours.ImportAsync(dir, destination + "/imported")));
            await RepeatWithRegistryAsync("OciMirror import tgz → registry", work, destination => InProcess.MeasureAsync(() => ours.ImportAsync(tgz, destination + "/imported")));
            await RepeatWithRegistryAsync("OciMirror import tar.zst → registry", work, destination => InProcess.MeasureAsync(() => ours.ImportAsync(zst, destination + "/imported")));
            await RepeatWithRegistryAsync("OciMirror import tar.zst split → registry", work, destination => InProcess.MeasureAsync(() => ours.ImportAsync(split + ".001", destination + "/imported")));
            string syncFile = Path.Combine(work, "sync.yaml");
            await RepeatWithRegistryAsync("OciMirror sync registry → registry", work, destination => InProcess.MeasureAsync(() => ours.SyncAsync(syncFile, destination + "/mirror")));
            await RepeatOnFilledRegistryAsync("OciMirror no-op re-sync reg → reg", work, destination => ours.SyncAsync(syncFile, destination + "/mirror"), destination => InProcess.MeasureAsync(() => ours.SyncAsync(syncFile, destination + "/mirror")));
            await RepeatWithRegistryAsync("OciMirror copy registry → registry", work, destination => InProcess.MeasureAsync(() => ours.CopyAsync(destination + "/copied")));
            await RepeatOnFilledRegistryAsync("OciMirror no-op re-copy reg → reg", work, destination => ours.CopyAsync(destination + "/copied"), destination => InProcess.MeasureAsync(() => ours.CopyAsync(destination + "/copied")));
        }

        private async Task RunSkopeoAsync(SkopeoScenarios skopeo, string work)
        {
            string syncDir = Path.Combine(work, "skopeo-sync");
            string layout = Path.Combine(work, "skopeo-oci");
            await RepeatAsync("skopeo sync docker → dir", () => Files.Delete(syncDir), () => ExternalCommand.MeasureAsync(skopeo.SyncToDirectory(syncDir)));
            await RepeatAsync("skopeo copy docker → oci: (one layout)", () => Files.Delete(layout), () => ExternalCommand.MeasureAsync(skopeo.CopyToOciLayout(layout)));

            // sync into dir refuses to overwrite, so the no-op re-run is copy into the existing layout (blobs reused).
            await RepeatAsync("skopeo copy → oci: (no-op re-run)", () => { }, () => ExternalCommand.MeasureAsync(skopeo.CopyToOciLayout(layout)));
            await RepeatWithRegistryAsync("skopeo sync dir → registry", work, destination => ExternalCommand.MeasureAsync(skopeo.SyncDirectoryToRegistry(syncDir, destination + "/imported")));
            await RepeatWithRegistryAsync("skopeo sync registry → registry", work, destination => ExternalCommand.MeasureAsync(skopeo.SyncToRegistry(destination + "/mirror")));
            await RepeatOnFilledRegistryAsync("skopeo no-op re-sync reg → reg", work, destination => ExternalCommand.MeasureAsync(skopeo.SyncToRegistry(destination + "/mirror")), destination => ExternalCommand.MeasureAsync(skopeo.SyncToRegistry(destination + "/mirror")));
            await RepeatWithRegistryAsync("skopeo copy registry → registry", work, destination => ExternalCommand.MeasureAsync(skopeo.CopyToRegistry(destination + "/copied")));
            await RepeatOnFilledRegistryAsync("skopeo no-op re-copy reg → reg", work, destination => ExternalCommand.MeasureAsync(skopeo.CopyToRegistry(destination + "/copied")), destination => ExternalCommand.MeasureAsync(skopeo.CopyToRegistry(destination + "/copied")));
        }

        private async Task RepeatAsync(string name, Action setUp, Func<Task<Sample>> run, long? bytes = null)
        {
            var samples = new List<Sample>();
            try
            {
                for (int i = 0; i < _options.Runs; i++)
                {
                    setUp();
                    Files.FlushFileSystems();
                    samples.Add(await run());
                }
            }
            catch (OciException e)
            {
                // A scenario this build cannot run yet (for example importing an archive) is reported, not fatal.
                Console.Error.WriteLine($"  {name}: not measured: {e.Message}");
                return;
            }

            Add(name, samples, bytes);
        }

        /// <summary>Each run gets a new, empty destination registry, started before and stopped after the timed part.</summary>
        private async Task RepeatWithRegistryAsync(string name, string work, Func<string, Task<Sample>> run, long? bytes = null)
        {
            var samples = new List<Sample>();
            try
            {
                for (int i = 0; i < _options.Runs; i++)
                {
                    await using LocalRegistry destination = await LocalRegistry.StartAsync(work);
                    Files.FlushFileSystems();
                    samples.Add(await run(destination.Host));
                }
            }
            catch (OciException e)
            {
                Console.Error.WriteLine($"  {name}: not measured: {e.Message}");
                return;
            }

            Add(name, samples, bytes);
        }

        /// <summary>One destination registry for all runs, filled once before the timed runs (untimed): the no-op re-run.</summary>
        private async Task RepeatOnFilledRegistryAsync(string name, string work, Func<string, Task> fill, Func<string, Task<Sample>> run)
        {
            var samples = new List<Sample>();
            try
            {
                await using LocalRegistry destination = await LocalRegistry.StartAsync(work);
                await fill(destination.Host);
                for (int i = 0; i < _options.Runs; i++)
                {
                    Files.FlushFileSystems();
                    samples.Add(await run(destination.Host));
                }
            }
            catch (OciException e)
            {
                Console.Error.WriteLine($"  {name}: not measured: {e.Message}");
                return;
            }

            Add(name, samples, null);
        }

        private void Add(string name, List<Sample> samples, long? bytes)
        {
            var row = new ResultRow(name, samples, bytes);
            _rows.Add(row);
            Console.Error.WriteLine($"  {name}: {string.Join(", ", samples.Select(s => s.Wall.TotalSeconds.ToString("F2")))} s");
        }
    }
}
