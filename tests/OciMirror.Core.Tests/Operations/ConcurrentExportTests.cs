using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.Archive;
using Xunit;
using static OciMirror.Core.Tests.Archive.ArchiveExportKit;

namespace OciMirror.Core.Tests.Operations
{
    /// <summary>
    /// Several exports (threads of one process here; processes in the integration tests) writing different
    /// references into one bundle at the same moment: every export succeeds and the bundle names them all.
    /// Looped, because the collisions depend on timing.
    /// </summary>
    public sealed class ConcurrentExportTests : IDisposable
    {
        private const int Rounds = 12;
        private readonly ArchiveExportKit _kit = new ArchiveExportKit();

        public void Dispose() => _kit.Dispose();

        [Theory]
        [InlineData("bundle", false)]
        [InlineData("bundle", true)]
        [InlineData("bundle.tar", false)]
        [InlineData("bundle.tar", true)]
        [InlineData("bundle.tgz", true)]
        public async Task FourExportsAtOnce_IntoOneBundle_AllSucceed_AndTheBundleNamesEveryReference(string name, bool existing)
        {
            for (int round = 0; round < Rounds; round++)
            {
                string file = round + "-" + name;
                if (existing)
                {
                    await _kit.ExportAsync(file, App1);
                }

                var start = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                Task<OperationSummary>[] exports = All.Select(reference => Task.Run(async () =>
                {
                    await start.Task;
                    return await _kit.ExportAsync(new ExportRequest { References = new[] { reference }, BundlePath = _kit.PathOf(file) });
                })).ToArray();
                start.SetResult(true);
                OperationSummary[] summaries = await Task.WhenAll(exports);

                Assert.All(summaries, s => Assert.True(s.Failed == 0 && s.Copied + s.Skipped == 1, string.Join("; ", s.Results.Select(r => r.Input + ": " + r.Status + " " + r.Error?.Message))));
                Dictionary<string, string> names = await NamesInBundleAsync(_kit.PathOf(file));
                Assert.Equal(All.OrderBy(n => n, StringComparer.Ordinal), names.Keys.OrderBy(n => n, StringComparer.Ordinal));
                Assert.Equal(new[] { file }, Directory.GetFileSystemEntries(_kit.Dir, round + "-*").Concat(Directory.GetFileSystemEntries(_kit.Dir, "." + round + "-*")).Select(Path.GetFileName));
            }
        }
    }
}
