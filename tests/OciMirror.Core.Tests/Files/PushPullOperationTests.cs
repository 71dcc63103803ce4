using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Errors;
using OciMirror.Core.Files;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Platforms;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Files
{
    /// <summary>Push and pull through bundles and in-memory registries (the real registry is in the integration tests).</summary>
    public sealed class PushPullOperationTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ocimirror-pushpull-" + Guid.NewGuid().ToString("N"));
        private readonly MemoryRegistry _registry = new MemoryRegistry();

        public PushPullOperationTests()
        {
            Directory.CreateDirectory(_dir);
            System.IO.File.WriteAllText(Path.Combine(_dir, "hi.txt"), "hello world\n");
            Directory.CreateDirectory(Path.Combine(_dir, "docs", "deep"));
            System.IO.File.WriteAllText(Path.Combine(_dir, "docs", "readme.md"), "Docs on this artifact\n");
            System.IO.File.WriteAllText(Path.Combine(_dir, "docs", "deep", "more.md"), "More content\n");
            System.IO.File.WriteAllText(Path.Combine(_dir, "config.json"), "{\"doc\":\"readme.md\"}\n");
        }

        private string Bundle => "oci:" + Path.Combine(_dir, "bundle") + ":corp.local/files/app:v1";

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Fact]
        public async Task Files_pushed_into_a_bundle_pull_back_identical()
        {
            OperationSummary pushed = await Push(Bundle, new[] { Given("hi.txt:text/plain"), Given("docs") }, config: Given("config.json:application/vnd.acme.rocket.config.v1+json"));

            ArtifactResult result = Assert.Single(pushed.Results);
            Assert.Equal(ArtifactStatus.Copied, result.Status);
            Assert.Equal("application/vnd.acme.rocket.config.v1+json", result.ArtifactType);
            var entry = Assert.Single(await Entries());
            Assert.Equal("corp.local/files/app:v1", entry.FullName);
            Assert.Equal(result.Digest, entry.Descriptor.Digest.ToString());

            string output = Path.Combine(_dir, "out");
            PullResult pulled = await new PullOperation(new PullRequest { Source = Bundle, OutputDirectory = output }, _registry).RunAsync(new RecordingObserver(), CancellationToken.None);

            Assert.Null(pulled.Error);
            Assert.Equal(new[] { "hi.txt", "docs" }, pulled.Files.Select(f => f.Title));
            Assert.True(pulled.Files[1].Unpacked);
            Assert.Equal("hello world\n", System.IO.File.ReadAllText(Path.Combine(output, "hi.txt")));
            Assert.Equal("More content\n", System.IO.File.ReadAllText(Path.Combine(output, "docs", "deep", "more.md")));
            Assert.Equal(result.Digest, pulled.Digest);
        }

        [Fact]
        public async Task Pushing_the_same_files_again_is_skipped_and_pulling_again_downloads_nothing()
        {
            await Push(Bundle, new[] { Given("hi.txt") });
            OperationSummary again = await Push(Bundle, new[] { Given("hi.txt") });
            Assert.Equal(ArtifactStatus.Skipped, Assert.Single(again.Results).Status);

            string output = Path.Combine(_dir, "out");
            var request = new PullRequest { Source = Bundle, OutputDirectory = output };
            await new PullOperation(request, _registry).RunAsync(new RecordingObserver(), CancellationToken.None);
            PullResult second = await new PullOperation(request, _registry).RunAsync(new RecordingObserver(), CancellationToken.None);

            Assert.True(Assert.Single(second.Files).Skipped);
        }

        [Fact]
        public async Task A_subject_makes_the_artifact_a_referrer_of_the_image_in_the_same_repository()
        {
            MemoryRepository repository = _registry.Repository("corp.local/team/app");
            Descriptor image = Fixtures.SimpleImage(repository, "app");
            await repository.TagAsync(image, "v2", CancellationToken.None);

            OperationSummary pushed = await Push("corp.local/team/app:v2-sbom", new[] { Given("hi.txt:application/spdx+json") }, artifactType: "application/spdx+json", subject: "v2");

            ArtifactResult result = Assert.Single(pushed.Results);
            Assert.Equal(ArtifactStatus.Copied, result.Status);
            JObject manifest = JObject.Parse(Encoding.UTF8.GetString(repository.Bytes(Digest.Parse(result.Digest!))));
            Assert.Equal(image.Digest.ToString(), (string)manifest["subject"]!["digest"]!);
            Assert.Equal("application/spdx+json", (string)manifest["artifactType"]!);
        }

        [Fact]
        public async Task A_subject_in_another_repository_or_missing_fails()
        {
            OperationSummary other = await Push("corp.local/team/app:sbom", new[] { Given("hi.txt") }, subject: "corp.local/other/app:v1");
            OperationSummary missing = await Push("corp.local/team/app:sbom", new[] { Given("hi.txt") }, subject: "v9");

            Assert.Equal(OciErrorKind.InvalidReference, Assert.Single(other.Results).Error!.Kind);
            Assert.Equal(OciErrorKind.NotFound, Assert.Single(missing.Results).Error!.Kind);
            Assert.Null(_registry.Find("corp.local", "team/app")?.TagNames.FirstOrDefault(t => t == "sbom"));
        }

        [Theory]
        [InlineData("../evil")]
        [InlineData("/tmp/evil")]
        [InlineData("..\\evil")]
        [InlineData("C:/evil")]
        public async Task A_hostile_title_fails_the_pull_before_anything_is_written(string title)
        {
            MemoryRepository repository = _registry.Repository("corp.local/hostile/app");
            Descriptor good = Layer(repository, "good.txt", "fine");
            Descriptor bad = Layer(repository, title, "evil");
            Descriptor manifest = Artifact(repository, good, bad);
            await repository.TagAsync(manifest, "v1", CancellationToken.None);
            string output = Path.Combine(_dir, "out");

            PullResult result = await new PullOperation(new PullRequest { Source = "corp.local/hostile/app:v1", OutputDirectory = output }, _registry).RunAsync(new RecordingObserver(), CancellationToken.None);

            Assert.Equal(OciErrorKind.UnsafePath, result.Error!.Kind);
            Assert.Contains(title, result.Error.Message);
            Assert.False(Directory.Exists(output));
            Assert.False(System.IO.File.Exists(Path.Combine(_dir, "evil")));
        }

        [Fact]
        public async Task An_index_needs_a_platform_and_one_platform_pulls_its_files()
        {
            MemoryRepository repository = _registry.Repository("corp.local/pg/trunk");
            Descriptor el8 = Artifact(repository, Layer(repository, "pg.rpm", "el8"));
            Descriptor el9 = Artifact(repository, Layer(repository, "pg.rpm", "el9"));
            byte[] index = IndexDocument.Build(new[] { Entry(el8, "el8"), Entry(el9, "el9") }, null, new Dictionary<string, string>());
            Descriptor root = Fixtures.Put(repository, MediaTypes.OciIndex, index);
            await repository.TagAsync(root, "1.2", CancellationToken.None);
            string output = Path.Combine(_dir, "out");

            PullResult without = await new PullOperation(new PullRequest { Source = "corp.local/pg/trunk:1.2", OutputDirectory = output }, _registry).RunAsync(new RecordingObserver(), CancellationToken.None);
            PullResult with = await new PullOperation(new PullRequest { Source = "corp.local/pg/trunk:1.2", OutputDirectory = output, Platforms = PlatformFilter.Parse(new[] { "linux/arm64/v8:el9" }, false, false) }, _registry).RunAsync(new RecordingObserver(), CancellationToken.None);

            Assert.Equal(OciErrorKind.AmbiguousReference, without.Error!.Kind);
            Assert.Contains("linux/arm64/v8:el8, linux/arm64/v8:el9", without.Error.Message);
            Assert.Null(with.Error);
            Assert.Equal(el9.Digest.ToString(), with.Digest);
            Assert.Equal("el9", System.IO.File.ReadAllText(Path.Combine(output, "pg.rpm")));
        }

        [Fact]
        public async Task A_bundle_destination_needs_a_full_name_with_a_tag()
        {
            OciException e = await Assert.ThrowsAsync<OciException>(() => Push("oci:" + Path.Combine(_dir, "b") + ":v1", new[] { Given("hi.txt") }));

            Assert.Equal(OciErrorKind.InvalidReference, e.Kind);
            Assert.Contains("registry/repository:tag", e.RecommendedAction);
            Assert.False(Directory.Exists(Path.Combine(_dir, "b")));
        }

        [Fact]
        public async Task Two_files_with_one_title_are_refused_before_anything_is_sent()
        {
            Directory.CreateDirectory(Path.Combine(_dir, "x"));
            System.IO.File.WriteAllText(Path.Combine(_dir, "x", "hi.txt"), "other");

            OciException e = await Assert.ThrowsAsync<OciException>(() => Push("corp.local/team/app:v1", new[] { Given("hi.txt"), new PushFile(Path.Combine(_dir, "x", "hi.txt"), null, "hi.txt") }));

            Assert.Contains("'hi.txt'", e.Message);
            Assert.Empty(_registry.Repository("corp.local/team/app").Digests);
        }

        private static Descriptor Layer(MemoryTarget target, string title, string content)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(content);
            var d = new Descriptor(ArtifactAnnotations.DefaultFileMediaType, Digest.Compute(bytes), bytes.Length, new Dictionary<string, string> { [ArtifactAnnotations.Title] = title });
            target.PutRaw(d, bytes);
            return d;
        }

        /// <summary>A file artifact as push writes it (layers with their annotations), stored in <paramref name="target"/>.</summary>
        private static Descriptor Artifact(MemoryTarget target, params Descriptor[] layers)
        {
            Fixtures.Put(target, MediaTypes.OciEmpty, ArtifactManifest.EmptyJson);
            return Fixtures.Put(target, MediaTypes.OciManifest, ArtifactManifest.Build(null, null, null, layers, null, null));
        }

        private static Descriptor Entry(Descriptor manifest, string osVersion) =>
            new Descriptor(manifest.MediaType, manifest.Digest, manifest.Size, null, new Platform("linux", "arm64", "v8", osVersion));

        private PushFile Given(string text)
        {
            PushFile file = PushFile.Parse(text);
            return file.WithPath(Path.Combine(_dir, file.Path));
        }

        private Task<OperationSummary> Push(string destination, IReadOnlyList<PushFile> files, PushFile? config = null, string? artifactType = null, string? subject = null) =>
            new PushOperation(new PushRequest { Destination = destination, Files = files, Config = config, ArtifactType = artifactType, Subject = subject }, _registry)
                .RunAsync(new RecordingObserver(), CancellationToken.None);

        private async Task<IReadOnlyList<OciMirror.Core.Content.BundleEntry>> Entries()
        {
            using OciLayoutStore store = await OciLayoutStore.OpenAsync(Path.Combine(_dir, "bundle"), LayoutOpenMode.ReadOnly, CancellationToken.None);
            return await store.ListEntriesAsync(CancellationToken.None);
        }
    }
}
