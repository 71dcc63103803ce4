using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Files;
using OciMirror.Core.Operations;
using OciMirror.Core.Platforms;
using OciMirror.Core.Registry;

namespace OciMirror.Benchmarks
{
    /// <summary>The verbs of issue 9, in process through the Core engine: push and pull of files, index create, export of one platform.</summary>
    internal sealed class ArtifactScenarios
    {
        private static readonly RegistryAccessOptions PlainHttp = new RegistryAccessOptions { PlainHttp = true };
        private readonly int _concurrency;

        public ArtifactScenarios(int concurrency) => _concurrency = concurrency;

        /// <summary>Pushes <paramref name="path"/> (a file or a directory) as one artifact to <paramref name="destination"/>.</summary>
        public Task PushAsync(string destination, string path) => Check("push " + path, observer => new PushOperation(new PushRequest
        {
            Destination = destination,
            Files = new[] { new PushFile(path, null, Path.GetFileName(path)) },
            Access = PlainHttp,
            Concurrency = _concurrency,
        }).RunAsync(observer, CancellationToken.None));

        /// <summary>Pulls the files of <paramref name="source"/> into <paramref name="directory"/>.</summary>
        public async Task PullAsync(string source, string directory)
        {
            PullResult result = await new PullOperation(new PullRequest { Source = source, OutputDirectory = directory, Access = PlainHttp, Concurrency = _concurrency })
                .RunAsync(new QuietObserver(), CancellationToken.None);
            if (result.Error != null)
            {
                throw result.Error;
            }
        }

        /// <summary>Composes an index of <paramref name="manifests"/> at <paramref name="destination"/>.</summary>
        public Task IndexAsync(string destination, params string[] manifests) => Check("index create " + destination, observer => new IndexCreateOperation(new IndexCreateRequest
        {
            Destination = destination,
            Manifests = manifests.Select(IndexSource.Parse).ToList(),
            Access = PlainHttp,
            Concurrency = _concurrency,
        }).RunAsync(observer, CancellationToken.None));

        /// <summary>Exports <paramref name="platform"/> of <paramref name="reference"/> into <paramref name="bundle"/>.</summary>
        public Task ExportPlatformAsync(string reference, string platform, string bundle) => Check("export " + platform, observer => new ExportOperation(new ExportRequest
        {
            References = new[] { reference },
            BundlePath = bundle,
            Platforms = PlatformFilter.Parse(new[] { platform }, false, false),
            Source = PlainHttp,
            Concurrency = _concurrency,
        }).RunAsync(observer, CancellationToken.None));

        private static async Task Check(string what, Func<QuietObserver, Task<OperationSummary>> run)
        {
            var observer = new QuietObserver();
            OperationSummary summary = await run(observer);
            if (summary.Failed > 0)
            {
                throw new InvalidOperationException($"{what}: {observer.Failures.First().Error?.Message}");
            }
        }
    }
}
