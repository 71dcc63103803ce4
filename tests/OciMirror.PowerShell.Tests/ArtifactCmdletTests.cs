using System.Collections;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Errors;
using OciMirror.Core.Files;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Commands;
using OciMirror.PowerShell.Tests.TestSupport;
using Xunit;

namespace OciMirror.PowerShell.Tests
{
    /// <summary>Publish-OciArtifact, Save-OciArtifact, New-OciIndex and the platform parameters: what reaches the engine, what comes out.</summary>
    public class ArtifactCmdletTests
    {
        private readonly FakeSink _sink = new FakeSink();
        private readonly FakeEngine _engine = new FakeEngine();

        public ArtifactCmdletTests()
        {
            foreach (string path in new[] { "/fs/hi.txt", "/fs/docs/", "/fs/sub/a.txt", "/fs/config.json", "/fs/ann.json", "/fs/x.bin" })
            {
                _sink.ExistingPaths.Add(path);
            }
        }

        [Fact]
        public void Publish_resolves_paths_keeps_types_and_titles_and_pushes_once_at_the_end()
        {
            var cmdlet = CmdletDriver.Create<PublishOciArtifactCommand>(_sink, _engine);
            cmdlet.Reference = "registry.corp.local/tools/hello:v1";
            cmdlet.MediaType = "application/x-default";
            cmdlet.ConfigPath = "config.json:application/vnd.acme.rocket.config.v1+json";
            cmdlet.AnnotationPath = "ann.json";
            cmdlet.Annotation = new Hashtable { ["org.opencontainers.image.version"] = "1.2", ["n"] = 3 };
            cmdlet.Subject = "v0";
            CmdletDriver.Begin(cmdlet);
            cmdlet.Path = new[] { "hi.txt:text/plain", "docs/" };
            CmdletDriver.Process(cmdlet);
            cmdlet.Path = new[] { "sub/a.txt" };
            CmdletDriver.Process(cmdlet);
            Assert.Empty(_engine.PushRequests);
            CmdletDriver.End(cmdlet);

            PushRequest request = Assert.Single(_engine.PushRequests);
            Assert.Equal("registry.corp.local/tools/hello:v1", request.Destination);
            Assert.Equal(new[] { "/fs/hi.txt", "/fs/docs/", "/fs/sub/a.txt" }, request.Files.Select(f => f.Path));
            Assert.Equal(new[] { "text/plain", "application/x-default", "application/x-default" }, request.Files.Select(f => f.MediaType));
            Assert.Equal(new[] { "hi.txt", "docs", "sub/a.txt" }, request.Files.Select(f => f.Title));
            Assert.Equal("/fs/config.json", request.Config!.Path);
            Assert.Equal("application/vnd.acme.rocket.config.v1+json", request.Config.MediaType);
            Assert.Equal("/fs/ann.json", request.AnnotationFile);
            Assert.Equal("1.2", request.Annotations["org.opencontainers.image.version"]);
            Assert.Equal("3", request.Annotations["n"]);
            Assert.Equal("v0", request.Subject);
        }

        [Fact]
        public void Publish_resolves_the_path_of_a_bundle_destination()
        {
            var cmdlet = CmdletDriver.Create<PublishOciArtifactCommand>(_sink, _engine);
            cmdlet.Reference = "oci:bundle:registry.corp.local/tools/hello:v1";
            cmdlet.Path = new[] { "hi.txt" };
            Run(cmdlet);

            Assert.Equal("oci:/fs/bundle:registry.corp.local/tools/hello:v1", Assert.Single(_engine.PushRequests).Destination);
        }

        [Fact]
        public void Publish_of_a_missing_file_stops_before_anything_is_pushed()
        {
            var cmdlet = CmdletDriver.Create<PublishOciArtifactCommand>(_sink, _engine);
            cmdlet.Reference = "registry.corp.local/tools/hello:v1";
            CmdletDriver.Begin(cmdlet);
            cmdlet.Path = new[] { "missing.txt" };

            TerminatingErrorException e = Assert.Throws<TerminatingErrorException>(() => CmdletDriver.Process(cmdlet));

            Assert.Equal("OciPathNotFound", e.Error.ErrorId);
            Assert.Empty(_engine.PushRequests);
        }

        [Fact]
        public void Publish_writes_the_artifact_result()
        {
            _engine.Push = (request, observer, token) =>
            {
                observer.OnArtifactCompleted(Results.Copied("files"));
                return Task.FromResult(Results.Summary(Results.Copied("files")));
            };
            var cmdlet = CmdletDriver.Create<PublishOciArtifactCommand>(_sink, _engine);
            cmdlet.Reference = "registry.corp.local/tools/hello:v1";
            cmdlet.Path = new[] { "hi.txt" };
            Run(cmdlet);

            Assert.Equal("Copied", Assert.IsType<OciArtifactInfo>(Assert.Single(_sink.Objects)).Status);
        }

        [Fact]
        public void Save_pulls_each_reference_and_writes_one_object_per_file_and_an_error_for_a_failure()
        {
            _engine.Pull = (request, _, _) => Task.FromResult(request.Source.EndsWith(":bad", System.StringComparison.Ordinal)
                ? new PullResult { Source = request.Source, Error = new OciException(OciErrorKind.UnsafePath, "refused") }
                : new PullResult
                {
                    Source = request.Source,
                    Files = new[] { new PulledFile { Title = "hi.txt", Path = "/fs/out/hi.txt", Digest = "sha256:1", Size = 3 }, new PulledFile { Title = "docs", Path = "/fs/out/docs", Unpacked = true, Skipped = true } },
                });
            var cmdlet = CmdletDriver.Create<SaveOciArtifactCommand>(_sink, _engine);
            cmdlet.Path = "out";
            cmdlet.Platform = "linux/arm64/v8:el9";
            CmdletDriver.Begin(cmdlet);
            cmdlet.Reference = "registry.corp.local/tools/hello:v1";
            CmdletDriver.Process(cmdlet);
            cmdlet.Reference = "registry.corp.local/tools/hello:bad";
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);

            Assert.Equal(2, _engine.PullRequests.Count);
            Assert.All(_engine.PullRequests, r => Assert.Equal("/fs/out", r.OutputDirectory));
            Assert.Equal("linux/arm64/v8:el9", Assert.Single(_engine.PullRequests[0].Platforms.Specs).ToString());
            var files = _sink.Objects.Cast<OciPulledFile>().ToList();
            Assert.Equal(new[] { "Written", "Current" }, files.Select(f => f.Status));
            Assert.True(files[1].Unpacked);
            Assert.Equal("registry.corp.local/tools/hello:v1", files[0].Reference);
            Assert.Equal("OciUnsafePath", Assert.Single(_sink.Errors).ErrorId.Split(',')[0]);
        }

        [Fact]
        public void Save_with_a_malformed_platform_stops_at_once()
        {
            var cmdlet = CmdletDriver.Create<SaveOciArtifactCommand>(_sink, _engine);
            cmdlet.Platform = "linux";

            TerminatingErrorException e = Assert.Throws<TerminatingErrorException>(() => CmdletDriver.Begin(cmdlet));

            Assert.Equal("OciInvalidReference", e.Error.ErrorId);
        }

        [Fact]
        public void New_OciIndex_collects_manifests_with_their_platforms_and_resolves_bundle_paths()
        {
            var cmdlet = CmdletDriver.Create<NewOciIndexCommand>(_sink, _engine);
            cmdlet.Destination = "registry.corp.local/pg/trunk:1.2";
            cmdlet.Annotation = new Hashtable { ["org.opencontainers.image.version"] = "1.2" };
            CmdletDriver.Begin(cmdlet);
            cmdlet.Manifest = new[] { "oci:el8=linux/arm64/v8:el8" };
            CmdletDriver.Process(cmdlet);
            cmdlet.Manifest = new[] { "registry.corp.local/pg/trunk:el9=linux/arm64/v8:el9", "registry.corp.local/app:amd64" };
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);

            IndexCreateRequest request = Assert.Single(_engine.IndexRequests);
            Assert.Equal(new[] { "oci:/fs/el8", "registry.corp.local/pg/trunk:el9", "registry.corp.local/app:amd64" }, request.Manifests.Select(m => m.Location));
            Assert.Equal(new[] { "linux/arm64/v8:el8", "linux/arm64/v8:el9", null }, request.Manifests.Select(m => m.Platform?.ToString()));
            Assert.Equal("1.2", request.Annotations["org.opencontainers.image.version"]);
        }

        [Fact]
        public void Platform_reaches_export_and_import_and_Tag_reaches_import()
        {
            _sink.ExistingPaths.Add("/fs/bundle");
            var export = CmdletDriver.Create<ExportOciArtifactCommand>(_sink, _engine);
            export.Path = "bundle";
            export.Platform = new[] { "linux/arm64/v8:el9", "linux/amd64" };
            CmdletDriver.Begin(export);
            export.Reference = new[] { "registry.corp.local/pg/trunk:1.2" };
            CmdletDriver.Process(export);
            CmdletDriver.End(export);
            var import = CmdletDriver.Create<ImportOciArtifactCommand>(_sink, _engine);
            import.Path = "bundle";
            import.Destination = "registry.corp.local/pg/trunk";
            import.Platform = new[] { "linux/arm64/v8:el9" };
            import.Tag = "1.2";
            Run(import);

            Assert.Equal(new[] { "linux/arm64/v8:el9", "linux/amd64" }, Assert.Single(_engine.ExportRequests).Platforms.Specs.Select(s => s.ToString()));
            ImportRequest request = Assert.Single(_engine.ImportRequests);
            Assert.Equal("linux/arm64/v8:el9", Assert.Single(request.Platforms.Specs).ToString());
            Assert.Equal("1.2", request.Tag);
        }

        [Theory]
        [InlineData("linux", null)]
        [InlineData("linux/amd64", "bad tag!")]
        public void A_malformed_platform_or_tag_stops_import_before_any_bundle_is_read(string platform, string? tag)
        {
            var import = CmdletDriver.Create<ImportOciArtifactCommand>(_sink, _engine);
            import.Path = "bundle";
            import.Destination = "registry.corp.local/pg/trunk";
            import.Platform = new[] { platform };
            import.Tag = tag;

            TerminatingErrorException e = Assert.Throws<TerminatingErrorException>(() => CmdletDriver.Begin(import));

            Assert.Equal("OciInvalidReference", e.Error.ErrorId);
            Assert.Empty(_engine.ImportRequests);
        }

        private static void Run(OciMirror.PowerShell.Common.OciAsyncCmdlet cmdlet)
        {
            CmdletDriver.Begin(cmdlet);
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);
        }
    }
}
