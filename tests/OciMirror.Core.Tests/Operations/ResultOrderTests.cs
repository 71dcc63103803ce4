using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Operations
{
    /// <summary>
    /// Results reach the observer in input order whatever order the artifacts finish in (DESIGN §8): the
    /// first reference is held at its ShouldProcess until every other artifact has finished.
    /// </summary>
    public class ResultOrderTests
    {
        private readonly MemoryRegistry _registry = new MemoryRegistry();

        public ResultOrderTests()
        {
            MemoryRepository app = _registry.Repository("registry.local/app");
            for (int i = 1; i <= 4; i++)
            {
                Descriptor image = Fixtures.SimpleImage(app, "v" + i, Fixtures.Blob(app, "layer " + i));
                app.TagAsync(image, i.ToString(System.Globalization.CultureInfo.InvariantCulture), default).GetAwaiter().GetResult();
            }
        }

        [Fact]
        public async Task Export_ReportsResultsInInputOrder_WhenTheFirstFinishesLast()
        {
            string[] inputs = { "registry.local/app:1", "registry.local/app:2", "registry.local/app:bad!", "registry.local/app:3", "registry.local/app:4" };
            var observer = new HoldFirstObserver("registry.local/app:1", inputs.Length - 1);

            OperationSummary summary = await new ExportOperation(new ExportRequest { References = inputs, BundlePath = "/tmp/bundle", Concurrency = 4 }, _registry, new MemoryTarget())
                .RunAsync(observer, CancellationToken.None);

            Assert.Equal(inputs, observer.Completed.Select(r => r.Input));
            Assert.Equal(inputs, summary.Results.Select(r => r.Input));
        }

        [Fact]
        public async Task Import_ReportsResultsInInputOrder_WhenTheFirstFinishesLast()
        {
            var bundle = new MemoryTarget();
            string[] inputs = { "registry.local/app:1", "registry.local/app:2", "registry.local/app:3", "registry.local/app:4" };
            await new ExportOperation(new ExportRequest { References = inputs, BundlePath = "/tmp/bundle" }, _registry, bundle).RunAsync(new RecordingObserver(), CancellationToken.None);
            var observer = new HoldFirstObserver("target.local/app:1", inputs.Length - 1);

            await new ImportOperation(new ImportRequest { BundlePath = "/tmp/bundle", Destination = "target.local", References = inputs, Concurrency = 4 }, bundle, bundle, new MemoryRegistry())
                .RunAsync(observer, CancellationToken.None);

            Assert.Equal(new[] { "1", "2", "3", "4" }, observer.Completed.Select(r => r.Destination!.Substring(r.Destination.LastIndexOf(':') + 1)));
        }

        /// <summary>Answers ShouldProcess for <c>held</c> only once <c>others</c> artifacts have finished (seen through progress).</summary>
        private sealed class HoldFirstObserver : IOperationObserver
        {
            private readonly string _held;
            private readonly int _others;
            private readonly TaskCompletionSource<bool> _release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            public HoldFirstObserver(string held, int others)
            {
                _held = held;
                _others = others;
            }

            public ConcurrentQueue<ArtifactResult> Completed { get; } = new ConcurrentQueue<ArtifactResult>();

            public void Log(LogLevel level, string message)
            {
            }

            public void OnProgress(ProgressSnapshot progress)
            {
                if (progress.ArtifactsDone >= _others)
                {
                    _release.TrySetResult(true);
                }
            }

            public void OnArtifactCompleted(ArtifactResult result) => Completed.Enqueue(result);

            public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken) =>
                target == _held ? _release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken) : Task.FromResult(true);
        }
    }
}
