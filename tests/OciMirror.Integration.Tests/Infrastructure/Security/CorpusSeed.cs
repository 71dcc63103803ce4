using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// The test corpus pushed once per test run (by the independent raw-HTTP <see cref="CorpusPusher"/>
    /// into a plain, anonymous registry) and kept as a storage directory template. Secure registries start
    /// on a copy of it, so the HTTPS/auth registries never need a pusher of their own. The template is
    /// deleted when the test process exits.
    /// </summary>
    public static class CorpusSeed
    {
        private static readonly Lazy<Task<string>> Template = new Lazy<Task<string>>(CreateTemplateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The corpus (deterministic: the same digests in every run).</summary>
        public static TestCorpus Corpus { get; } = CorpusBuilder.Build();

        /// <summary>Copies the seeded storage into <paramref name="dataDirectory"/> (created).</summary>
        public static async Task CopyToAsync(string dataDirectory)
        {
            string template = await Template.Value.ConfigureAwait(false);
            CopyTree(template, dataDirectory);
        }

        private static async Task<string> CreateTemplateAsync()
        {
            var directory = new TempDirectory("ocimirror-seed");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => directory.Dispose();
            await using RegistryInstance plain = await RegistryInstance.StartAsync().ConfigureAwait(false);
            await CorpusPusher.PushAsync(Corpus, plain.BaseUri, CancellationToken.None).ConfigureAwait(false);
            string target = directory.Combine("data");
            CopyTree(plain.Directory.Combine("data"), target);
            return target;
        }

        private static void CopyTree(string source, string target)
        {
            Directory.CreateDirectory(target);
            foreach (string dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            {
                Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, dir)));
            }

            foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)), overwrite: true);
            }
        }
    }
}
