using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// The test corpus pushed once per test run (by the independent raw-HTTP <see cref="CorpusPusher"/>
    /// into a plain, anonymous registry) and kept in memory as that registry's storage files (a few KB).
    /// Secure registries start on a copy of it, so the HTTPS/auth registries never need a pusher of their
    /// own, and nothing stays on disk after the run.
    /// </summary>
    public static class CorpusSeed
    {
        private static readonly Lazy<Task<IReadOnlyDictionary<string, byte[]>>> Template =
            new Lazy<Task<IReadOnlyDictionary<string, byte[]>>>(CreateTemplateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The corpus (deterministic: the same digests in every run).</summary>
        public static TestCorpus Corpus { get; } = CorpusBuilder.Build();

        /// <summary>Writes the seeded storage into <paramref name="dataDirectory"/> (created).</summary>
        public static async Task CopyToAsync(string dataDirectory)
        {
            IReadOnlyDictionary<string, byte[]> files = await Template.Value.ConfigureAwait(false);
            Directory.CreateDirectory(dataDirectory);
            foreach (var file in files)
            {
                string path = Path.Combine(dataDirectory, file.Key);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, file.Value).ConfigureAwait(false);
            }
        }

        private static async Task<IReadOnlyDictionary<string, byte[]>> CreateTemplateAsync()
        {
            await using RegistryInstance plain = await RegistryInstance.StartAsync().ConfigureAwait(false);
            await CorpusPusher.PushAsync(Corpus, plain.BaseUri, CancellationToken.None).ConfigureAwait(false);
            string source = plain.Directory.Combine("data");
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                files[Path.GetRelativePath(source, file)] = await File.ReadAllBytesAsync(file).ConfigureAwait(false);
            }

            return files;
        }
    }
}
