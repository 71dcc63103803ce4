using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.Archive;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;
using static OciMirror.Core.Tests.Archive.ArchiveExportKit;

namespace OciMirror.Core.Tests.Operations
{
    /// <summary>
    /// DESIGN §4 "Deterministic": the same references give a byte-identical index.json whatever order the
    /// transfers finished in. The source holds each artifact back until the one before it in a chosen
    /// order has finished, so two runs finish in opposite orders.
    /// </summary>
    public sealed class DeterministicIndexTests : IDisposable
    {
        private readonly ArchiveExportKit _kit = new ArchiveExportKit();

        public void Dispose() => _kit.Dispose();

        [Theory]
        [InlineData("bundle")]
        [InlineData("bundle.tar")]
        [InlineData("bundle.tgz")]
        public async Task SameReferences_OppositeCompletionOrders_ByteIdenticalIndexJson(string name)
        {
            string[] order = { App2, Multi, App1, Other };
            (byte[] first, string[] finishedFirst) = await ExportInOrderAsync("a-" + name, order);
            (byte[] second, string[] finishedSecond) = await ExportInOrderAsync("b-" + name, order.Reverse().ToArray());

            Assert.Equal(order, finishedFirst);
            Assert.Equal(order.Reverse(), finishedSecond);
            Assert.Equal(System.Text.Encoding.UTF8.GetString(first), System.Text.Encoding.UTF8.GetString(second));
            Assert.Equal(All.OrderBy(n => n, StringComparer.Ordinal), NamesOfIndex(first).Keys); // sorted by name
        }

        private async Task<(byte[] Index, string[] Finished)> ExportInOrderAsync(string file, string[] order)
        {
            var roots = new Dictionary<Digest, string>
            {
                [_kit.V1.Digest] = App1,
                [_kit.V2.Digest] = App2,
                [_kit.OtherRoot.Digest] = Other,
                [_kit.MultiRoot.Digest] = Multi,
            };
            var turns = order.ToDictionary(r => r, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
            turns[order[0]].SetResult(true);
            var observer = new RecordingObserver();
            observer.OnCompleted = result =>
            {
                int next = Array.IndexOf(order, result.Input) + 1;
                if (next < order.Length)
                {
                    turns[order[next]].TrySetResult(true);
                }
            };
            Func<Descriptor, Task> gate = d => roots.TryGetValue(d.Digest, out string? reference) ? turns[reference].Task : Task.CompletedTask;
            foreach (string repository in new[] { "registry.local/app", "registry.local/other", "registry.local/multi" })
            {
                _kit.Registry.Repository(repository).BeforeFetch = gate;
            }

            OperationSummary summary = await _kit.ExportAsync(new ExportRequest { References = All, BundlePath = _kit.PathOf(file), Concurrency = 4 }, observer);

            Assert.Equal(4, summary.Copied);
            string path = _kit.PathOf(file);
            byte[] index = Directory.Exists(path)
                ? File.ReadAllBytes(Path.Combine(path, "index.json"))
                : (await ReadArchiveAsync(File.ReadAllBytes(path))).Single(e => e.Name == "index.json").Data;
            return (index, observer.Completed.Select(r => r.Input).ToArray());
        }
    }
}
