using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.Core.Selection;
using OciMirror.PowerShell.Commands;
using OciMirror.PowerShell.Tests.TestSupport;
using Xunit;

namespace OciMirror.PowerShell.Tests
{
    public class GetOciTagCommandTests
    {
        private readonly FakeSink _sink = new FakeSink();
        private readonly FakeEngine _engine = new FakeEngine();

        [Fact]
        public void Tags_are_written_as_OciTagInfo_whose_Reference_feeds_Export()
        {
            _engine.ListTags = (request, log, _) =>
            {
                log.Log(LogLevel.Verbose, "GET https://registry-1.docker.io/v2/library/nginx/tags/list 200");
                return Task.FromResult<IReadOnlyList<TagInfo>>(new[]
                {
                    new TagInfo("docker.io", "library/nginx", "1.27", "sha256:aa"),
                    new TagInfo("docker.io", "library/nginx", "1.26", null),
                });
            };
            GetOciTagCommand cmdlet = NewCmdlet("nginx");
            cmdlet.Include = new[] { "1.2*" };
            cmdlet.Exclude = new[] { "*-alpine" };

            Run(cmdlet);

            TagListRequest request = Assert.Single(_engine.TagRequests);
            Assert.Equal("nginx", request.Repository);
            Assert.Equal(new[] { "1.2*" }, request.Selection.Include);
            Assert.Equal(new[] { "*-alpine" }, request.Selection.Exclude);
            Assert.False(request.ResolveDigests);
            OciTagInfo[] tags = _sink.Objects.Cast<OciTagInfo>().ToArray();
            Assert.Equal(new[] { "docker.io/library/nginx:1.27", "docker.io/library/nginx:1.26" }, tags.Select(t => t.Reference));
            Assert.Equal("sha256:aa", tags[0].Digest);
            Assert.Null(tags[1].Digest);
            Assert.Equal("library/nginx", tags[0].Repository);
            Assert.Equal("docker.io", tags[0].Registry);
            Assert.Equal("1.27", tags[0].Tag);
            Assert.Contains("GET https://registry-1.docker.io/v2/library/nginx/tags/list 200", _sink.Verbose);
        }

        [Fact]
        public void Without_filters_the_request_has_empty_patterns()
        {
            Run(NewCmdlet("ghcr.io/org/app"));

            TagListRequest request = Assert.Single(_engine.TagRequests);
            Assert.True(request.Selection.SelectsAll);
        }

        [Fact]
        public void Selection_parameters_become_the_requests_TagSelection()
        {
            GetOciTagCommand cmdlet = NewCmdlet("nginx");
            cmdlet.IncludeRegex = new[] { "^1\\." };
            cmdlet.ExcludeRegex = new[] { "-rc" };
            cmdlet.SemVer = ">=1.4 <2";
            cmdlet.Latest = 3;
            cmdlet.DigestTag = "withimages";

            Run(cmdlet);

            TagSelection selection = Assert.Single(_engine.TagRequests).Selection;
            Assert.Equal(new[] { "^1\\." }, selection.IncludeRegex);
            Assert.Equal(new[] { "-rc" }, selection.ExcludeRegex);
            Assert.Equal(">=1.4 <2", selection.SemverRange);
            Assert.Equal(3, selection.Latest);
            Assert.Equal(DigestTagMode.WithImages, selection.DigestTags);
        }

        [Theory]
        [InlineData("(", null)]
        [InlineData(null, ">= one")]
        public void An_invalid_regex_or_range_is_a_terminating_error_before_any_listing(string? regex, string? range)
        {
            GetOciTagCommand cmdlet = NewCmdlet("nginx");
            cmdlet.IncludeRegex = regex == null ? null : new[] { regex };
            cmdlet.SemVer = range;

            var e = Assert.Throws<TerminatingErrorException>(() => CmdletDriver.Begin(cmdlet));

            Assert.Equal("OciInvalidConfiguration", e.Error.ErrorId);
            Assert.Empty(_engine.TagRequests);
        }

        [Fact]
        public void A_repository_that_fails_is_a_non_terminating_error_and_the_next_is_still_listed()
        {
            _engine.ListTags = (request, _, _) => request.Repository == "private/app"
                ? Task.FromException<IReadOnlyList<TagInfo>>(new OciException(OciErrorKind.AuthenticationFailed, "401 from registry.example") { Registry = "registry.example" })
                : Task.FromResult<IReadOnlyList<TagInfo>>(new[] { new TagInfo("docker.io", "library/alpine", "3.20", null) });

            Run(NewCmdlet("private/app", "alpine"));

            var error = Assert.Single(_sink.Errors);
            Assert.Equal("OciAuthenticationFailed", error.ErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, error.Category);
            Assert.Equal("private/app", error.TargetObject);
            Assert.Equal("docker.io/library/alpine:3.20", Assert.IsType<OciTagInfo>(Assert.Single(_sink.Objects)).Reference);
            Assert.Equal(2, _engine.TagRequests.Count);
        }

        [Fact]
        public void Blank_lines_and_comments_piped_from_a_file_are_skipped()
        {
            GetOciTagCommand cmdlet = NewCmdlet("nginx");
            CmdletDriver.Begin(cmdlet);
            foreach (string?[]? record in new[] { new[] { "" }, null, new string?[] { null }, new[] { "   " }, new[] { "# mirrors" }, new[] { "  alpine  " } })
            {
                cmdlet.Repository = record;
                CmdletDriver.Process(cmdlet);
            }

            CmdletDriver.End(cmdlet);

            Assert.Equal(new[] { "alpine" }, _engine.TagRequests.Select(r => r.Repository));
            Assert.Empty(_sink.Errors);
        }

        [Fact]
        public void Repository_accepts_the_blank_lines_of_Get_Content()
        {
            System.Reflection.PropertyInfo repository = typeof(GetOciTagCommand).GetProperty(nameof(GetOciTagCommand.Repository))!;
            Assert.True(CmdletMetadata.Has(repository, typeof(AllowEmptyStringAttribute)));
            Assert.True(CmdletMetadata.Has(repository, typeof(AllowNullAttribute)));
            Assert.False(CmdletMetadata.Has(repository, typeof(ValidateNotNullOrEmptyAttribute)));
        }

        private GetOciTagCommand NewCmdlet(params string[] repositories)
        {
            GetOciTagCommand cmdlet = CmdletDriver.Create<GetOciTagCommand>(_sink, _engine);
            cmdlet.Repository = repositories;
            return cmdlet;
        }

        private static void Run(GetOciTagCommand cmdlet)
        {
            CmdletDriver.Begin(cmdlet);
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);
        }
    }
}
