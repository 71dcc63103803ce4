using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Benchmarks.Corpus;
using OciMirror.Benchmarks.Infrastructure;
using OciMirror.Benchmarks.Measure;

namespace OciMirror.Benchmarks
{
    internal sealed partial class BenchmarkRunner
    {
        /// <summary>
        /// Rows for push/pull of files (no skopeo equivalent: MB/s of the file bytes), index create (time only), and the
        /// export of one platform of the OCI index, compared with <c>skopeo copy --override-arch</c> of the same index.
        /// The file is half the corpus size, the directory a quarter in 20 files; both pseudo-random (incompressible).
        /// </summary>
        private async Task RunArtifactsAsync(string registry, BenchCorpus corpus, string work)
        {
            var artifacts = new ArtifactScenarios(_options.Concurrency);
            long fileBytes = Math.Max(1, _options.SizeMiB / 2) * 1024L * 1024;
            string file = Path.Combine(work, "files", "payload.bin");
            string tree = Path.Combine(work, "files", "tree");
            Generate(file, fileBytes, 1);
            for (int i = 0; i < 20; i++)
            {
                Generate(Path.Combine(tree, $"part-{i:D2}.bin"), fileBytes / 2 / 20, 100 + i);
            }

            long treeBytes = fileBytes / 2 / 20 * 20;
            string pulled = Path.Combine(work, "pulled");
            await RepeatWithRegistryAsync("OciMirror push file → registry", work, destination => InProcess.MeasureAsync(() => artifacts.PushAsync(destination + "/files/file:v1", file)), fileBytes);
            await RepeatWithRegistryAsync("OciMirror push dir (tar+gzip) → registry", work, destination => InProcess.MeasureAsync(() => artifacts.PushAsync(destination + "/files/tree:v1", tree)), treeBytes);
            await artifacts.PushAsync(registry + "/files/file:v1", file);
            await artifacts.PushAsync(registry + "/files/tree:v1", tree);
            await RepeatAsync("OciMirror pull file ← registry", () => Files.Delete(pulled), () => InProcess.MeasureAsync(() => artifacts.PullAsync(registry + "/files/file:v1", pulled)), fileBytes);
            await RepeatAsync("OciMirror pull dir (unpack) ← registry", () => Files.Delete(pulled), () => InProcess.MeasureAsync(() => artifacts.PullAsync(registry + "/files/tree:v1", pulled)), treeBytes);

            string[] images = corpus.Images.Where(i => i.Tag != null && i.Layers.Count < 10).Take(2).Select(i => $"{registry}/{i.Repository}:{i.Tag}=linux/{i.Architecture}").ToArray();
            await RepeatAsync("OciMirror index create (2 images)", () => { }, () => InProcess.MeasureAsync(() => artifacts.IndexAsync($"{registry}/bench/composed:{Guid.NewGuid():N}", images)), 0);

            IndexSpec index = corpus.Indexes.First(i => i.Oci);
            long armBytes = index.Children.Where(c => c.Architecture == "arm64").SelectMany(c => c.Layers).Sum(l => l.Size);
            string bundle = Path.Combine(work, "one-platform");
            string reference = $"{registry}/{index.Repository}:{index.Tag}";
            await RepeatAsync("OciMirror export one platform → dir", () => Files.Delete(bundle), () => InProcess.MeasureAsync(() => artifacts.ExportPlatformAsync(reference, "linux/arm64", bundle)), armBytes);
            if (_options.Skopeo)
            {
                string layout = Path.Combine(work, "skopeo-one-platform");
                string[] copy = { "skopeo", "--insecure-policy", "--override-os", "linux", "--override-arch", "arm64", "copy", "--src-tls-verify=false", "docker://" + reference, "oci:" + layout + ":arm64" };
                await RepeatAsync("skopeo copy one platform → oci:", () => Files.Delete(layout), () => ExternalCommand.MeasureAsync(new[] { copy }), armBytes);
            }

            Files.Delete(Path.Combine(work, "files"));
        }

        private static void Generate(string path, long size, int seed)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var random = new Random(seed);
            var block = new byte[1024 * 1024];
            using FileStream stream = File.Create(path);
            for (long written = 0; written < size; written += block.Length)
            {
                random.NextBytes(block);
                stream.Write(block, 0, (int)Math.Min(block.Length, size - written));
            }
        }
    }
}
