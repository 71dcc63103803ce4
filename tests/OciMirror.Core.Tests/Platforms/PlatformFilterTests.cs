using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Platforms;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Platforms
{
    /// <summary>The seed index: amd64, arm64/v8 with os.version el8, arm64 (no variant) with el9, and a buildx attestation of el9.</summary>
    public class PlatformFilterTests
    {
        private readonly MemoryTarget _store = new MemoryTarget();
        private readonly Descriptor _amd, _el8, _el9, _attestation, _index;

        public PlatformFilterTests()
        {
            _amd = Fixtures.SimpleImage(_store, "amd");
            _el8 = Fixtures.SimpleImage(_store, "el8");
            _el9 = Fixtures.SimpleImage(_store, "el9");
            _attestation = Fixtures.SimpleImage(_store, "att");
            var manifests = new JArray
            {
                Entry(_amd, new JObject { ["architecture"] = "amd64", ["os"] = "linux" }),
                Entry(_el8, new JObject { ["architecture"] = "arm64", ["os"] = "linux", ["os.version"] = "el8", ["variant"] = "v8" }),
                Entry(_el9, new JObject { ["architecture"] = "arm64", ["os"] = "linux", ["os.version"] = "el9" }),
                Entry(_attestation, new JObject { ["architecture"] = "unknown", ["os"] = "unknown" }, new JObject
                {
                    ["vnd.docker.reference.digest"] = _el9.Digest.ToString(),
                    ["vnd.docker.reference.type"] = "attestation-manifest",
                }),
            };
            var doc = new JObject { ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciIndex, ["manifests"] = manifests, ["annotations"] = new JObject { ["a"] = "b" } };
            _index = Fixtures.Put(_store, MediaTypes.OciIndex, Encoding.UTF8.GetBytes(doc.ToString(Formatting.Indented)));
        }

        [Fact]
        public async Task No_platform_is_the_root_as_resolved_without_reading_it()
        {
            PlatformChoice choice = await PlatformFilter.None.SelectAsync(new MemoryTarget(), _index, "ref", CancellationToken.None);

            Assert.Equal(PlatformChoiceKind.Unfiltered, choice.Kind);
            Assert.Same(_index, choice.Root);
            Assert.Null(choice.Note);
        }

        [Theory]
        [InlineData("linux/arm64/v8:el9")] // the seed case: the entry has no variant, v8 is the default
        [InlineData("linux/arm64:el9")]
        [InlineData("linux/aarch64/v8:el9")]
        public async Task One_platform_is_that_child_manifest_with_its_own_digest(string platform)
        {
            PlatformChoice choice = await Select(platform);

            Assert.Equal(PlatformChoiceKind.Child, choice.Kind);
            Assert.Equal(_el9.Digest, choice.Root.Digest);
            Assert.Equal("linux/arm64:el9", choice.Root.Platform!.ToString());
            Assert.False(choice.DigestChanged);
            Assert.Contains("child manifest", choice.Note);
            Assert.Contains(_index.Digest.ToString(), choice.Note);
        }

        [Fact]
        public async Task A_platform_matching_entries_that_differ_only_in_os_version_is_ambiguous()
        {
            OciException e = await Assert.ThrowsAsync<OciException>(() => Select("linux/arm64"));

            Assert.Equal(OciErrorKind.AmbiguousReference, e.Kind);
            Assert.Contains("linux/arm64/v8:el8", e.Message);
            Assert.Contains("linux/arm64:el9", e.Message);
            Assert.Contains("os.version", e.RecommendedAction);
        }

        [Fact]
        public async Task A_missing_platform_lists_the_platforms_there_are()
        {
            OciException e = await Assert.ThrowsAsync<OciException>(() => Select("linux/s390x"));

            Assert.Equal(OciErrorKind.NotFound, e.Kind);
            Assert.Contains("linux/amd64, linux/arm64/v8:el8, linux/arm64:el9", e.Message);
            Assert.Equal(_index.Digest, e.Digest);
        }

        [Fact]
        public async Task Several_platforms_keep_the_index_whole_by_default()
        {
            PlatformChoice choice = await Select("linux/amd64", "linux/arm64/v8:el9");

            Assert.Equal(PlatformChoiceKind.WholeIndex, choice.Kind);
            Assert.Same(_index, choice.Root);
            Assert.Equal(new[] { "linux/amd64", "linux/arm64:el9" }, choice.Selected.Select(p => p.ToString()));
            Assert.Contains("kept whole", choice.Note);
        }

        [Fact]
        public async Task A_filtered_index_keeps_the_other_fields_the_order_and_the_attestation_of_a_kept_child()
        {
            PlatformChoice choice = await Select(filterIndex: true, "linux/arm64/v8:el9", "linux/amd64");

            Assert.Equal(PlatformChoiceKind.FilteredIndex, choice.Kind);
            Assert.True(choice.DigestChanged);
            Assert.Equal(Digest.Compute(choice.RewrittenIndex!), choice.Root.Digest);
            Assert.Equal(choice.RewrittenIndex!.LongLength, choice.Root.Size);
            Assert.Equal(MediaTypes.OciIndex, choice.Root.MediaType);
            JObject filtered = JObject.Parse(Encoding.UTF8.GetString(choice.RewrittenIndex));
            Assert.Equal(new[] { _amd.Digest.ToString(), _el9.Digest.ToString(), _attestation.Digest.ToString() }, filtered["manifests"]!.Select(m => (string)m["digest"]!));
            Assert.Equal("b", (string)filtered["annotations"]!["a"]!);
            Assert.Contains("new digest", choice.Note);

            // The overlay serves the new index and reads everything else from the source.
            var source = choice.SourceFor(_store);
            Assert.True(await source.ExistsAsync(choice.Root, CancellationToken.None));
            Assert.True(await source.ExistsAsync(_el9, CancellationToken.None));
        }

        [Fact]
        public async Task Selecting_every_platform_needs_no_filtered_index()
        {
            PlatformChoice choice = await Select(filterIndex: true, "linux/amd64", "linux/arm64/v8:el8", "linux/arm64/v8:el9");

            Assert.Equal(PlatformChoiceKind.WholeIndex, choice.Kind);
            Assert.Same(_index, choice.Root);
        }

        [Fact]
        public async Task Preserving_digests_refuses_a_filtered_index()
        {
            var filter = PlatformFilter.Parse(new[] { "linux/amd64", "linux/arm64:el9" }, filterIndex: true, preserveDigests: true);

            OciException e = await Assert.ThrowsAsync<OciException>(() => filter.SelectAsync(_store, _index, "ref", CancellationToken.None));

            Assert.Equal(OciErrorKind.RewriteRefused, e.Kind);
            Assert.Contains(_index.Digest.ToString(), e.Message);
        }

        [Fact]
        public async Task Preserving_digests_still_allows_one_child_and_the_whole_index()
        {
            var one = PlatformFilter.Parse(new[] { "linux/amd64" }, filterIndex: true, preserveDigests: true);
            var several = PlatformFilter.Parse(new[] { "linux/amd64", "linux/arm64:el9" }, filterIndex: false, preserveDigests: true);

            Assert.Equal(PlatformChoiceKind.Child, (await one.SelectAsync(_store, _index, "ref", CancellationToken.None)).Kind);
            Assert.Equal(PlatformChoiceKind.WholeIndex, (await several.SelectAsync(_store, _index, "ref", CancellationToken.None)).Kind);
        }

        [Fact]
        public async Task A_docker_manifest_list_works_the_same()
        {
            Descriptor list = Fixtures.Index(_store, dockerList: true, (_amd, "linux/amd64"), (_el8, "linux/arm/v7"));

            PlatformChoice choice = await PlatformFilter.Parse(new[] { "linux/arm" }, false, false).SelectAsync(_store, list, "ref", CancellationToken.None);

            Assert.Equal(_el8.Digest, choice.Root.Digest);
        }

        [Fact]
        public async Task A_single_image_whose_config_matches_is_taken_as_it_is()
        {
            Descriptor image = ImageWithConfig("{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\",\"rootfs\":{}}");

            PlatformChoice choice = await PlatformFilter.Parse(new[] { "linux/arm64" }, false, false).SelectAsync(_store, image, "ref", CancellationToken.None);

            Assert.Equal(PlatformChoiceKind.SingleManifest, choice.Kind);
            Assert.Same(image, choice.Root);
            Assert.Contains("single-platform image", choice.Note);
        }

        [Fact]
        public async Task A_single_image_of_another_platform_is_a_clear_error()
        {
            Descriptor image = ImageWithConfig("{\"architecture\":\"amd64\",\"os\":\"linux\"}");

            OciException e = await Assert.ThrowsAsync<OciException>(() => PlatformFilter.Parse(new[] { "linux/arm64" }, false, false).SelectAsync(_store, image, "reg/app:1", CancellationToken.None));

            Assert.Equal(OciErrorKind.NotFound, e.Kind);
            Assert.Contains("reg/app:1 is a single-platform image for linux/amd64", e.Message);
            Assert.Contains("not linux/arm64", e.Message);
        }

        [Fact]
        public async Task An_artifact_without_an_image_config_has_no_platform_to_select()
        {
            Descriptor config = Fixtures.Put(_store, "application/vnd.example.config+json", Encoding.UTF8.GetBytes("{}"));
            Descriptor artifact = Fixtures.Image(_store, config, new[] { Fixtures.Blob(_store, "x") });

            OciException e = await Assert.ThrowsAsync<OciException>(() => PlatformFilter.Parse(new[] { "linux/amd64" }, false, false).SelectAsync(_store, artifact, "reg/chart:1", CancellationToken.None));

            Assert.Equal(OciErrorKind.NotFound, e.Kind);
            Assert.Contains("names no platform", e.Message);
        }

        private static JObject Entry(Descriptor d, JObject platform, JObject? annotations = null)
        {
            JObject entry = Fixtures.Json(d);
            if (annotations != null)
            {
                entry["annotations"] = annotations;
            }

            entry["platform"] = platform;
            return entry;
        }

        private Descriptor ImageWithConfig(string config) =>
            Fixtures.Image(_store, Fixtures.Put(_store, MediaTypes.OciConfig, Encoding.UTF8.GetBytes(config)), new[] { Fixtures.Blob(_store, config) });

        private Task<PlatformChoice> Select(params string[] platforms) => Select(false, platforms);

        private Task<PlatformChoice> Select(bool filterIndex, params string[] platforms) =>
            PlatformFilter.Parse(platforms, filterIndex, preserveDigests: false).SelectAsync(_store, _index, "ref", CancellationToken.None);
    }
}
