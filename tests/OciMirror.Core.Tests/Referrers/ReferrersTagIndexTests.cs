using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Referrers;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Referrers
{
    public sealed class ReferrersTagIndexTests
    {
        private static readonly Digest Subject = Digest.Compute(Encoding.UTF8.GetBytes("the image"));

        [Fact]
        public async Task Adds_ToANewIndex_Appends_AndDoesNotWriteAnEntryTwice()
        {
            var repo = new ReferrerRepository { HasApi = false };
            Descriptor first = Listing("one");
            Descriptor second = Listing("two");

            Assert.True(await AddAsync(repo, first));
            Assert.True(await AddAsync(repo, second));
            int puts = repo.TaggedPuts;
            Assert.False(await AddAsync(repo, first));

            Assert.Equal(puts, repo.TaggedPuts);
            JObject index = Index(repo);
            Assert.Equal(MediaTypes.OciIndex, (string?)index["mediaType"]);
            Assert.Equal(new[] { first.Digest.ToString(), second.Digest.ToString() }, index["manifests"]!.Select(m => (string?)m["digest"]));
            Assert.Equal("application/vnd.example.sig", (string?)index["manifests"]![0]!["artifactType"]);
        }

        [Fact]
        public async Task AGuard_WrapsEveryPut_WithTheIndexDigestAndTheReferrersItLists()
        {
            var repo = new ReferrerRepository { HasApi = false };
            Descriptor first = Listing("one");
            Descriptor second = Listing("two");
            var seen = new System.Collections.Generic.List<(Digest Index, Digest[] Listed)>();
            ReferrersTagIndex.WriteGuard guard = async (digest, children, write, token) =>
            {
                seen.Add((digest, children.ToArray()));
                return await write(token);
            };

            await ReferrersTagIndex.AddAsync(repo, "registry.test/team/app", Subject, first, NullLogSink.Instance, CancellationToken.None, new KeyedLock(), guard);
            await ReferrersTagIndex.AddAsync(repo, "registry.test/team/app", Subject, second, NullLogSink.Instance, CancellationToken.None, new KeyedLock(), guard);

            Assert.Equal(2, seen.Count);
            Assert.Equal(repo.TaggedPuts, seen.Count);
            Assert.Equal(new[] { first.Digest }, seen[0].Listed);
            Assert.Equal(new[] { first.Digest, second.Digest }, seen[1].Listed);
            Assert.Equal(Digest.Compute(Encoding.UTF8.GetBytes(Index(repo).ToString(Newtonsoft.Json.Formatting.None))), seen[1].Index);
        }

        [Fact]
        public async Task TagHoldingSomethingElse_IsRefused_AndLeftUnchanged()
        {
            var repo = new ReferrerRepository { HasApi = false };
            Descriptor image = Fixtures.SimpleImage(repo, "not-an-index");
            await repo.TagAsync(image, ReferrerTags.TagSchemaTag(Subject), CancellationToken.None);

            OciException e = await Assert.ThrowsAsync<OciException>(() => AddAsync(repo, Listing("one")));

            Assert.Equal(OciErrorKind.ProtocolError, e.Kind);
            Assert.Contains("left unchanged", e.Message);
            Assert.Equal(image.Digest, (await repo.ResolveAsync(ReferrerTags.TagSchemaTag(Subject), CancellationToken.None)).Digest);
        }

        [Fact]
        public async Task ChangedBetweenReadAndWrite_412_IsRetried_KeepingTheOtherWritersEntry()
        {
            var repo = new ReferrerRepository { HasApi = false, HonourConditions = true };
            Descriptor other = Listing("other writer");
            repo.BeforeTaggedPut = attempt =>
            {
                if (attempt == 1)
                {
                    repo.Put(ReferrerTags.TagSchemaTag(Subject), MediaTypes.OciIndex, IndexOf(other));
                }

                return Task.CompletedTask;
            };

            Assert.True(await AddAsync(repo, Listing("mine")));

            Assert.Equal(new[] { other.Digest.ToString(), Listing("mine").Digest.ToString() }, Index(repo)["manifests"]!.Select(m => (string?)m["digest"]));
        }

        [Fact]
        public async Task OverwrittenRightAfterOurWrite_ReadBackNotices_AndWritesAgain()
        {
            var repo = new ReferrerRepository { HasApi = false, HonourConditions = false };
            Descriptor other = Listing("other writer");
            repo.AfterTaggedPut = attempt =>
            {
                if (attempt == 1)
                {
                    repo.Put(ReferrerTags.TagSchemaTag(Subject), MediaTypes.OciIndex, IndexOf(other));
                }

                return Task.CompletedTask;
            };

            Assert.True(await AddAsync(repo, Listing("mine")));

            Assert.Contains(Listing("mine").Digest.ToString(), Index(repo)["manifests"]!.Select(m => (string?)m["digest"]));
        }

        [Fact]
        public async Task AlwaysChanging_GivesUpAfterTheBound_SayingWhy()
        {
            var repo = new ReferrerRepository { HasApi = false, HonourConditions = true };
            repo.BeforeTaggedPut = attempt =>
            {
                repo.Put(ReferrerTags.TagSchemaTag(Subject), MediaTypes.OciIndex, IndexOf(Listing("intruder " + attempt)));
                return Task.CompletedTask;
            };

            OciException e = await Assert.ThrowsAsync<OciException>(() => AddAsync(repo, Listing("mine")));

            Assert.Equal(OciErrorKind.Unavailable, e.Kind);
            Assert.Equal(ReferrersTagIndex.MaxAttempts, repo.TaggedPuts);
            Assert.Equal(ErrorSide.Destination, e.Side);
        }

        private static Task<bool> AddAsync(ReferrerRepository repo, Descriptor listing) =>
            ReferrersTagIndex.AddAsync(repo, "registry.test/team/app", Subject, listing, NullLogSink.Instance, CancellationToken.None, new KeyedLock());

        private static Descriptor Listing(string name) =>
            new Descriptor(MediaTypes.OciManifest, Digest.Compute(Encoding.UTF8.GetBytes(name)), 100, null, null, "application/vnd.example.sig");

        private static byte[] IndexOf(Descriptor listing) =>
            Encoding.UTF8.GetBytes(new JObject { ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciIndex, ["manifests"] = new JArray(JObject.FromObject(listing)) }.ToString());

        private static JObject Index(ReferrerRepository repo)
        {
            Descriptor d = repo.ResolveAsync(ReferrerTags.TagSchemaTag(Subject), CancellationToken.None).GetAwaiter().GetResult();
            return JObject.Parse(Encoding.UTF8.GetString(repo.Bytes(d.Digest)));
        }
    }
}
