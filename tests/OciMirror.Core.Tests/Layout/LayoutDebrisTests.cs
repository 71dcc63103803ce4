using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Layout;
using Xunit;

namespace OciMirror.Core.Tests.Layout
{
    /// <summary>
    /// A killed export leaves ingest/ files and temporary index files in a directory bundle: the next writer
    /// removes them when they are older than its run and no live writer holds them.
    /// </summary>
    public sealed class LayoutDebrisTests
    {
        private static DateTime LongAgo => DateTime.UtcNow.AddMinutes(-10);

        [Fact]
        public async Task StaleIngestAndIndexTemporaries_AreRemovedOnOpen_LiveAndYoungOnesAreKept()
        {
            using var fx = new LayoutFixture();
            using (await OciLayoutStore.OpenAsync(fx.Root, LayoutOpenMode.CreateOrOpen, CancellationToken.None))
            {
            }

            Directory.CreateDirectory(fx.PathOf("ingest"));
            string stale = Write(fx.PathOf("ingest", new string('a', 64) + "_" + Guid.NewGuid().ToString("N")), LongAgo);
            string live = Write(fx.PathOf("ingest", new string('b', 64) + "_" + Guid.NewGuid().ToString("N")), LongAgo);
            string young = Write(fx.PathOf("ingest", new string('c', 64) + "_" + Guid.NewGuid().ToString("N")), null);
            string staleIndex = Write(fx.PathOf(".index.json." + Guid.NewGuid().ToString("N") + ".tmp"), LongAgo);
            string foreign = Write(fx.PathOf(".keep-me.tmp"), LongAgo);

            using (new FileStream(live, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            using (await OciLayoutStore.OpenAsync(fx.Root, LayoutOpenMode.CreateOrOpen, CancellationToken.None))
            {
                Assert.False(File.Exists(stale));
                Assert.False(File.Exists(staleIndex));
                Assert.True(File.Exists(live));
                Assert.True(File.Exists(young));
                Assert.True(File.Exists(foreign));
            }

            Assert.False(File.Exists(fx.PathOf(LayoutPaths.LockFileName)));
        }

        [Fact]
        public async Task ReadOnlyOpen_RemovesNothing()
        {
            using var fx = new LayoutFixture();
            using (await OciLayoutStore.OpenAsync(fx.Root, LayoutOpenMode.CreateOrOpen, CancellationToken.None))
            {
            }

            Directory.CreateDirectory(fx.PathOf("ingest"));
            string stale = Write(fx.PathOf("ingest", new string('a', 64) + "_" + Guid.NewGuid().ToString("N")), LongAgo);

            using (await OciLayoutStore.OpenAsync(fx.Root, LayoutOpenMode.ReadOnly, CancellationToken.None))
            {
                Assert.True(File.Exists(stale));
            }
        }

        private static string Write(string path, DateTime? lastWriteUtc)
        {
            File.WriteAllText(path, "partial");
            if (lastWriteUtc != null)
            {
                File.SetLastWriteTimeUtc(path, lastWriteUtc.Value);
            }

            return path;
        }
    }
}
