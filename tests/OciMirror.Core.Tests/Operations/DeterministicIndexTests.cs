using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.Archive;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;
using static OciMirror.Core.Tests.Archive.ArchiveExportKit;

namespace OciMirror.Core.Tests.Operations
{
    /// <summary>
    /// DESIGN §4 "Deterministic": the same references give a byte-identical index.json whatever order the
    /// transfers finished in. Each artifact is held back (before it copies anything) until the one before
    /// it in a chosen order has finished, so two runs finish in opposite orders.
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
            (byte[] second, string[] finishedSecond) = await ExportInOrderAsync("b-" + name, Enumerable.Reverse(order).ToArray());

            Assert.Equal(order, finishedFirst);
            Assert.Equal(Enumerable.Reverse(order), finishedSecond);
            Assert.Equal(System.Text.Encoding.UTF8.GetString(first), System.Text.Encoding.UTF8.GetString(second));
            Assert.Equal(All.OrderBy(n => n, StringComparer.Ordinal), NamesOfIndex(first).Keys); // sorted by name
        }

        private async Task<(byte[] Index, string[] Finished)> ExportInOrderAsync(string file, string[] order)
        {
            var turns = order.ToDictionary(r => r, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
            turns[order[0]].SetResult(true);
            var observer = new RecordingObserver();
            observer.OnFinished = input =>
            {
                int next = Array.IndexOf(order, input) + 1;
                if (next < order.Length)
                {
                    turns[order[next]].TrySetResult(true);
                }
            };
            observer.BeforeShouldProcess = target => turns[target].Task;

            OperationSummary summary = await _kit.ExportAsync(new ExportRequest { References = All, BundlePath = _kit.PathOf(file), Concurrency = 4 }, observer);

            Assert.Equal(4, summary.Copied);
            string path = _kit.PathOf(file);
            byte[] index = Directory.Exists(path)
                ? File.ReadAllBytes(Path.Combine(path, "index.json"))
                : (await ReadArchiveAsync(File.ReadAllBytes(path))).Single(e => e.Name == "index.json").Data;
            return (index, observer.Finished.ToArray());
        }
    }
}
