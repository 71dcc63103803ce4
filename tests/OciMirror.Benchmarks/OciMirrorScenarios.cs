using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Operations;
using OciMirror.Core.Registry;

namespace OciMirror.Benchmarks
{
    /// <summary>OciMirror's operations, in process, through the Core engine as the front ends call it.</summary>
    internal sealed class OciMirrorScenarios
    {
        private readonly IReadOnlyList<string> _references;
        private readonly int _concurrency;

        public OciMirrorScenarios(IReadOnlyList<string> references, int concurrency)
        {
            _references = references;
            _concurrency = concurrency;
        }

        /// <summary>
        /// Exports every reference to <paramref name="bundle"/> (format from the extension), split into parts of
        /// <paramref name="splitSize"/> bytes when given, with their referrers unless <paramref name="referrers"/> is false.
        /// </summary>
        public Task<OperationSummary> ExportAsync(string bundle, long? splitSize = null, bool referrers = true) => Check(
            "export to " + bundle,
            observer => new ExportOperation(new ExportRequest
            {
                References = _references,
                BundlePath = bundle,
                SplitSize = splitSize,
                Concurrency = _concurrency,
                Source = new RegistryAccessOptions { PlainHttp = true },
                IncludeReferrers = referrers,
            }).RunAsync(observer, CancellationToken.None));

        /// <summary>Lists the bundle: one pass that decompresses and parses it, hashing only manifests (the cost of reading a format).</summary>
        public async Task<OperationSummary> ListAsync(string bundle)
        {
            var entries = await new BundleListOperation(new BundleRequest { BundlePath = bundle }).RunAsync(new QuietObserver(), CancellationToken.None);
            return entries.Count == _references.Count ? new OperationSummary(Array.Empty<ArtifactResult>()) : throw new InvalidOperationException($"list {bundle}: {entries.Count} entries for {_references.Count} references");
        }

        /// <summary>Verifies the bundle: decompresses it and hashes every blob.</summary>
        public async Task<OperationSummary> VerifyAsync(string bundle)
        {
            BundleVerifyReport report = await new BundleVerifyOperation(new BundleRequest { BundlePath = bundle }).RunAsync(new QuietObserver(), CancellationToken.None);
            return report.IsValid ? new OperationSummary(Array.Empty<ArtifactResult>()) : throw new InvalidOperationException($"verify {bundle}: invalid: {string.Join("; ", report.LayoutProblems)}");
        }

        /// <summary>Imports the bundle into <paramref name="destination"/> (<c>host/prefix</c>).</summary>
        public Task<OperationSummary> ImportAsync(string bundle, string destination) => Check(
            "import " + bundle,
            observer => new ImportOperation(new ImportRequest
            {
                BundlePath = bundle,
                Destination = destination,
                Concurrency = _concurrency,
                Target = new RegistryAccessOptions { PlainHttp = true },
            }).RunAsync(observer, CancellationToken.None));

        /// <summary>Syncs what the sync file <paramref name="syncFile"/> names into the registry <paramref name="destination"/> (<c>host/prefix</c>).</summary>
        public Task<OperationSummary> SyncAsync(string syncFile, string destination) => Check(
            "sync " + syncFile,
            observer => new SyncOperation(new SyncRequest
            {
                Source = syncFile,
                Destination = destination,
                Concurrency = _concurrency,
                SourceAccess = new RegistryAccessOptions { PlainHttp = true },
                TargetAccess = new RegistryAccessOptions { PlainHttp = true },
            }).RunAsync(observer, CancellationToken.None));

        /// <summary>Copies every reference registry → registry into <paramref name="destination"/> (<c>host/prefix</c>, paths kept), as <c>ocimirror copy REF... --to</c>.</summary>
        public Task<OperationSummary> CopyAsync(string destination) => Check(
            "copy to " + destination,
            observer => new CopyOperation(new CopyRequest
            {
                References = _references,
                Destination = destination,
                Concurrency = _concurrency,
                Source = new RegistryAccessOptions { PlainHttp = true },
                Target = new RegistryAccessOptions { PlainHttp = true },
            }).RunAsync(observer, CancellationToken.None));

        private static async Task<OperationSummary> Check(string what, Func<QuietObserver, Task<OperationSummary>> run)
        {
            var observer = new QuietObserver();
            OperationSummary summary = await run(observer);
            if (summary.Failed > 0)
            {
                ArtifactResult first = observer.Failures.First();
                throw new InvalidOperationException($"{what}: {summary.Failed} artifacts failed; first {first.Input}: {first.Error?.Message}");
            }

            return summary;
        }
    }
}
