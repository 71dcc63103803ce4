using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>
    /// Reads .tar and .tgz bundles with GNU tar and gzip (the oracle side: no OciMirror code, and the tools
    /// the issue says must accept our archives). GNU tar detects gzip by itself when reading.
    /// </summary>
    public static class ArchiveInspector
    {
        /// <summary>The entry names in archive order (duplicates kept), from <c>tar -tf</c>; fails the test when tar rejects the file.</summary>
        public static async Task<IReadOnlyList<string>> EntriesAsync(string archive)
        {
            var (code, output) = await ExternalProcess.RunAsync(Tar, "-tf", archive);
            Assert.True(code == 0, "tar cannot list the archive\n" + output);
            return output.Split('\n').Skip(1).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Select(l => l.StartsWith("./", StringComparison.Ordinal) ? l.Substring(2) : l).ToList();
        }

        /// <summary>Extracts with <c>tar -xf</c> into a new directory under <paramref name="into"/> and returns it.</summary>
        public static async Task<string> ExtractAsync(string archive, TempDirectory into)
        {
            string dir = into.Combine("extracted-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            var (code, output) = await ExternalProcess.RunAsync(Tar, "-xf", archive, "-C", dir);
            Assert.True(code == 0, "tar cannot extract the archive\n" + output);
            return dir;
        }

        /// <summary><c>gzip -t</c> accepts the file (every member, to the end).</summary>
        public static async Task AssertGzipIntactAsync(string archive)
        {
            var (code, output) = await ExternalProcess.RunAsync(ExternalTool.Require("gzip", "gzip"), "-t", archive);
            Assert.True(code == 0, "gzip -t rejects the archive\n" + output);
        }

        /// <summary>
        /// The layout of a bundle archive (DESIGN §4): oci-layout first, index.json last, every other entry a
        /// blobs/sha256 file, each exactly once, exactly the <paramref name="expectedDigests"/>.
        /// </summary>
        public static async Task AssertBundleEntriesAsync(string archive, IEnumerable<string> expectedDigests)
        {
            IReadOnlyList<string> entries = (await EntriesAsync(archive)).Where(e => !e.EndsWith("/", StringComparison.Ordinal)).ToList();
            Assert.Equal("oci-layout", entries[0]);
            Assert.Equal("index.json", entries[entries.Count - 1]);
            var blobs = entries.Skip(1).Take(entries.Count - 2).ToList();
            Assert.All(blobs, b => Assert.StartsWith("blobs/sha256/", b));
            Assert.Equal(blobs.Count, blobs.Distinct().Count()); // every blob exactly once
            Assert.Equal(expectedDigests.Select(d => "blobs/sha256/" + d.Substring(7)).OrderBy(x => x, StringComparer.Ordinal), blobs.OrderBy(x => x, StringComparer.Ordinal));
        }

        /// <summary>True when the file starts with the gzip magic bytes.</summary>
        public static bool IsGzip(string file)
        {
            using FileStream s = File.OpenRead(file);
            return s.ReadByte() == 0x1f && s.ReadByte() == 0x8b;
        }

        private static string Tar => ExternalTool.Require("tar", "tar");
    }
}
