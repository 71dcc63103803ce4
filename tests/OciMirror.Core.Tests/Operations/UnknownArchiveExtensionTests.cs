using System;
using System.IO;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.Archive;
using Xunit;

namespace OciMirror.Core.Tests.Operations
{
    /// <summary>
    /// A bundle path with an archive extension OciMirror does not write (mirror.zip) used to become a
    /// directory of that name without a word; it is refused before anything is fetched, naming the path.
    /// </summary>
    public sealed class UnknownArchiveExtensionTests : IDisposable
    {
        private readonly ArchiveExportKit _kit = new ArchiveExportKit();

        public void Dispose() => _kit.Dispose();

        [Theory]
        [InlineData("mirror.zip")]
        [InlineData("mirror.7z")]
        [InlineData("mirror.gz")]
        [InlineData("MIRROR.RAR")]
        [InlineData("mirror.tar.lz4")]
        public async Task An_archive_extension_that_is_not_a_bundle_format_is_refused(string name)
        {
            OciException e = await Assert.ThrowsAsync<OciException>(() => _kit.ExportAsync(new ExportRequest { References = new[] { ArchiveExportKit.App1 }, BundlePath = _kit.PathOf(name) }));

            Assert.Equal(OciErrorKind.InvalidDestination, e.Kind);
            Assert.Equal(_kit.PathOf(name), e.Path);
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
            Assert.Contains("Directory", e.RecommendedAction, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(_kit.Dir));
            Assert.Equal(0, _kit.Registry.Counts.TotalFetches);
        }

        [Fact]
        public async Task The_Directory_format_makes_a_directory_of_that_name_on_purpose()
        {
            OperationSummary summary = await _kit.ExportAsync(new ExportRequest { References = new[] { ArchiveExportKit.App1 }, BundlePath = _kit.PathOf("mirror.zip"), Format = ArchiveFormat.Directory });

            Assert.Equal(1, summary.Copied);
            Assert.True(File.Exists(Path.Combine(_kit.PathOf("mirror.zip"), "index.json")));

            // Once it exists, the same directory is updated without -Format.
            OperationSummary again = await _kit.ExportAsync(new ExportRequest { References = new[] { ArchiveExportKit.App2 }, BundlePath = _kit.PathOf("mirror.zip") });
            Assert.Equal(1, again.Copied);
        }

        [Theory]
        [InlineData("bundle")]
        [InlineData("bundle.v2")]
        [InlineData("mirror.2024-01")]
        public async Task Names_that_are_not_archive_extensions_still_make_directories(string name)
        {
            OperationSummary summary = await _kit.ExportAsync(new ExportRequest { References = new[] { ArchiveExportKit.App1 }, BundlePath = _kit.PathOf(name) });

            Assert.Equal(1, summary.Copied);
            Assert.True(Directory.Exists(_kit.PathOf(name)));
        }
    }
}
