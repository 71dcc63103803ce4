using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using Xunit;

namespace OciMirror.Core.Tests.Archive
{
    /// <summary>The pax record that says which repository a blob entry is for (issue 7.18).</summary>
    public class OriginRecordTests
    {
        [Theory]
        [InlineData("ocimirror.repository=docker.io/library/nginx", "docker.io/library/nginx")]
        [InlineData("ocimirror.repository=registry.local:5000/team/app", "registry.local:5000/team/app")]
        [InlineData("ocimirror.repository=docker.io/library/nginx:1.27", null)] // a tag is not a repository
        [InlineData("ocimirror.repository=../../etc", null)]
        [InlineData("ocimirror.repository=", null)]
        [InlineData("written by another tool", null)]
        public async Task ItIsWrittenAsAPaxComment_AndOnlyARepositoryNameIsRead(string comment, string? expected)
        {
            var tar = new MemoryStream();
            using (var writer = new TarWriter(tar, leaveOpen: true))
            {
                await writer.WriteFileAsync("blobs/sha256/ab", new MemoryStream(new byte[] { 1, 2 }), 2, new Dictionary<string, string> { [OriginRecord.Keyword] = comment });
                await writer.WriteFileAsync("plain", new MemoryStream(new byte[] { 3 }), 1);
                await writer.WriteEndAsync();
            }

            tar.Position = 0;
            using var reader = new TarReader(tar, leaveOpen: true, archiveName: "t.tar");
            TarEntry first = (await reader.GetNextEntryAsync(default))!;
            Assert.Equal("blobs/sha256/ab", first.Name);
            Assert.Equal(expected, OriginRecord.Of(first));
            TarEntry second = (await reader.GetNextEntryAsync(default))!;
            Assert.Null(OriginRecord.Of(second));
            Assert.Empty(second.PaxRecords);
        }

        [Fact]
        public void ForARepository_IsOneComment()
        {
            Assert.Equal("ocimirror.repository=docker.io/library/nginx", OriginRecord.For("docker.io/library/nginx")![OriginRecord.Keyword]);
            Assert.Null(OriginRecord.For(null));
        }
    }
}
