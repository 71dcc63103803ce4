using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;
using static OciMirror.Core.Tests.Archive.ArchiveExportKit;

namespace OciMirror.Core.Tests.Archive
{
    /// <summary>
    /// What a killed archive export leaves next to its destination (the hidden temporary archive, spools)
    /// is reused or removed by the next export, never when a live writer holds it. (Not built for .NET
    /// Framework: under Mono no file counts as stale, since its share modes do not reach other processes.)
    /// </summary>
    public sealed class ArchiveResumeTests : IDisposable
    {
        private readonly ArchiveExportKit _kit = new ArchiveExportKit();

        public void Dispose() => _kit.Dispose();

        private static DateTime LongAgo => DateTime.UtcNow.AddMinutes(-10);

        [Theory]
        [InlineData("bundle.tar")]
        [InlineData("bundle.tgz")]
        [InlineData("bundle.tar.zst")]
        public async Task KilledExportsTemporaryArchive_ItsVerifiedBlobsAreReused_NotDownloaded_AndItIsRemoved(string file)
        {
            // What a kill in the middle of the big layer leaves: the archive written so far, cut mid-entry.
            await _kit.ExportAsync("scratch-" + file, App1, App2);
            byte[] whole = File.ReadAllBytes(_kit.PathOf("scratch-" + file));
            File.Delete(_kit.PathOf("scratch-" + file));
            byte[] cut = whole.Take(whole.Length * 2 / 3).ToArray();
            string temp = _kit.PathOf("." + file + "." + Guid.NewGuid().ToString("N") + ".tmp");
            File.WriteAllBytes(temp, cut);
            File.SetLastWriteTimeUtc(temp, LongAgo);
            HashSet<Digest> complete = file.EndsWith(".tar", StringComparison.Ordinal) ? await CompleteBlobsAsync(cut) : new HashSet<Digest>();
            _kit.Registry.Counts.Reset();
            var observer = new RecordingObserver();

            OperationSummary summary = await _kit.ExportAsync(new ExportRequest { References = new[] { App1, App2 }, BundlePath = _kit.PathOf(file) }, observer);

            Assert.Equal(2, summary.Copied);
            Assert.Contains(observer.Logs, l => l.Contains("Resuming an interrupted export"));
            HashSet<Digest> fetched = _kit.Registry.Counts.Fetches.Keys.Where(d => _kit.GraphOf(App1, App2).Contains(d)).ToHashSet();
            Assert.True(fetched.Count < _kit.GraphOf(App1, App2).Count, "some blobs were reused");
            Assert.Empty(fetched.Intersect(complete.Where(d => !IsManifest(d))));
            Assert.Equal(new[] { file }, Directory.GetFileSystemEntries(_kit.Dir).Select(Path.GetFileName));
            List<ArchiveTestUtil.ReadEntry> entries = await ReadArchiveAsync(File.ReadAllBytes(_kit.PathOf(file)));
            AssertBundleOrder(entries);
            Assert.Equal(_kit.GraphOf(App1, App2).OrderBy(d => d.ToString()), entries.Where(e => e.Name.StartsWith("blobs/", StringComparison.Ordinal)).Select(e => Digest.Parse("sha256:" + e.Name.Substring(13))).OrderBy(d => d.ToString()));
            Assert.Equal(new[] { App1, App2 }, NamesOf(entries).Keys.OrderBy(n => n));
        }

        [Fact]
        public async Task ALiveWritersTemporaryArchiveAndSpool_AreNeitherReusedNorRemoved_StaleSpoolsAre()
        {
            await _kit.ExportAsync("scratch.tar", App1);
            string live = _kit.PathOf(".bundle.tar." + Guid.NewGuid().ToString("N") + ".tmp");
            File.Copy(_kit.PathOf("scratch.tar"), live);
            File.SetLastWriteTimeUtc(live, LongAgo);
            string liveSpool = _kit.PathOf(".ocimirror-0123456789ab-" + Guid.NewGuid().ToString("N") + ".spool");
            string staleSpool = _kit.PathOf(".ocimirror-ba9876543210-" + Guid.NewGuid().ToString("N") + ".spool");
            string youngSpool = _kit.PathOf(".ocimirror-aaaaaaaaaaaa-" + Guid.NewGuid().ToString("N") + ".spool");
            foreach (string spool in new[] { liveSpool, staleSpool, youngSpool })
            {
                File.WriteAllText(spool, "partial");
            }

            File.SetLastWriteTimeUtc(liveSpool, LongAgo);
            File.SetLastWriteTimeUtc(staleSpool, LongAgo);
            using (new FileStream(live, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            using (new FileStream(liveSpool, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                _kit.Registry.Counts.Reset();
                OperationSummary summary = await _kit.ExportAsync("bundle.tar", App1);

                Assert.Equal(1, summary.Copied);
                Assert.Equal(_kit.GraphOf(App1).Count, _kit.Registry.Counts.Fetches.Count); // nothing taken from the live writer's file
            }

            Assert.True(File.Exists(live));
            Assert.True(File.Exists(liveSpool));
            Assert.True(File.Exists(youngSpool));
            Assert.False(File.Exists(staleSpool));
        }

        [Fact]
        public async Task KilledSplitExportsTemporaryParts_AreRemoved_NotReused_LiveOnesAreKept()
        {
            string stale1 = _kit.PathOf(".bundle.tar.001." + Guid.NewGuid().ToString("N") + ".tmp");
            string stale2 = _kit.PathOf(".bundle.tar.002." + Guid.NewGuid().ToString("N") + ".tmp");
            string live = _kit.PathOf(".bundle.tar.001." + Guid.NewGuid().ToString("N") + ".tmp");
            foreach (string part in new[] { stale1, stale2, live })
            {
                File.WriteAllText(part, "partial");
                File.SetLastWriteTimeUtc(part, LongAgo);
            }

            var observer = new RecordingObserver();
            using (new FileStream(live, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                OperationSummary summary = await _kit.ExportAsync(new ExportRequest { References = new[] { App1 }, BundlePath = _kit.PathOf("bundle.tar"), SplitSize = 4096 }, observer);
                Assert.Equal(1, summary.Copied);
            }

            Assert.False(File.Exists(stale1));
            Assert.False(File.Exists(stale2));
            Assert.True(File.Exists(live));
            Assert.Contains(observer.Logs, l => l.Contains("Removed 2 temporary part(s) of split volumes"));
            Assert.True(File.Exists(_kit.PathOf("bundle.tar.002")), "split into parts");
        }

        private bool IsManifest(Digest digest) =>
            new[] { "registry.local/app", "registry.local/other", "registry.local/multi" }
                .Select(r => _kit.Registry.Repository(r))
                .Any(r => r.Has(digest) && r.Bytes(digest).Length > 0 && r.Bytes(digest)[0] == (byte)'{');

        /// <summary>The blobs whose tar entry ends before the cut (plain tar: offsets are file offsets).</summary>
        private static async Task<HashSet<Digest>> CompleteBlobsAsync(byte[] cut)
        {
            var complete = new HashSet<Digest>();
            using var stream = new MemoryStream(cut);
            using var reader = new TarReader(stream, leaveOpen: true);
            try
            {
                TarEntry? entry;
                while ((entry = await reader.GetNextEntryAsync(CancellationToken.None)) != null)
                {
                    if (entry.Name.StartsWith("blobs/sha256/", StringComparison.Ordinal) && entry.HeaderOffset + 512 + entry.Size <= cut.Length)
                    {
                        complete.Add(Digest.Parse("sha256:" + entry.Name.Substring(13)));
                    }
                }
            }
            catch (OciException)
            {
            }

            return complete;
        }
    }
}
