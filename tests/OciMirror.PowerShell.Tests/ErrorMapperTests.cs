using System;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Errors;
using Xunit;

namespace OciMirror.PowerShell.Tests
{
    public class ErrorMapperTests
    {
        public static TheoryData<OciErrorKind> Kinds()
        {
            var data = new TheoryData<OciErrorKind>();
            foreach (OciErrorKind kind in Enum.GetValues(typeof(OciErrorKind)))
            {
                data.Add(kind);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Kinds))]
        public void Every_kind_has_its_own_stable_PascalCase_id_and_a_real_category(OciErrorKind kind)
        {
            string id = ErrorMapper.ErrorId(kind);

            Assert.Matches(new Regex("^Oci[A-Z][A-Za-z]+$"), id);
            Assert.NotEqual("OciError", id);
            Assert.NotEqual(ErrorCategory.NotSpecified, ErrorMapper.Category(kind));
            Assert.Single(Enum.GetValues(typeof(OciErrorKind)).Cast<OciErrorKind>(), k => ErrorMapper.ErrorId(k) == id);
        }

        [Theory]
        [InlineData(OciErrorKind.InvalidReference, "OciInvalidReference", ErrorCategory.InvalidArgument)]
        [InlineData(OciErrorKind.NotFound, "OciNotFound", ErrorCategory.ObjectNotFound)]
        [InlineData(OciErrorKind.AuthenticationFailed, "OciAuthenticationFailed", ErrorCategory.AuthenticationError)]
        [InlineData(OciErrorKind.PermissionDenied, "OciPermissionDenied", ErrorCategory.PermissionDenied)]
        [InlineData(OciErrorKind.DigestMismatch, "OciDigestMismatch", ErrorCategory.InvalidData)]
        [InlineData(OciErrorKind.ConnectionFailed, "OciConnectionFailed", ErrorCategory.ConnectionError)]
        [InlineData(OciErrorKind.TlsFailed, "OciTlsFailed", ErrorCategory.SecurityError)]
        [InlineData(OciErrorKind.Timeout, "OciTimeout", ErrorCategory.OperationTimeout)]
        [InlineData(OciErrorKind.Unavailable, "OciRegistryUnavailable", ErrorCategory.ResourceUnavailable)]
        [InlineData(OciErrorKind.ProtocolError, "OciProtocolError", ErrorCategory.ProtocolError)]
        [InlineData(OciErrorKind.InvalidLayout, "OciInvalidLayout", ErrorCategory.InvalidData)]
        [InlineData(OciErrorKind.InvalidDestination, "OciInvalidDestination", ErrorCategory.InvalidArgument)]
        [InlineData(OciErrorKind.IOFailed, "OciIOFailed", ErrorCategory.WriteError)]
        [InlineData(OciErrorKind.Cancelled, "OciCancelled", ErrorCategory.OperationStopped)]
        public void Kinds_map_to_the_documented_id_and_category(OciErrorKind kind, string id, ErrorCategory category)
        {
            Assert.Equal(id, ErrorMapper.ErrorId(kind));
            Assert.Equal(category, ErrorMapper.Category(kind));
        }

        [Fact]
        public void The_exception_recommended_action_wins_over_the_default()
        {
            var e = new OciException(OciErrorKind.TlsFailed, "certificate untrusted") { RecommendedAction = "Add the CA to certs.d." };

            OciErrorInfo info = ErrorMapper.ForException(e, "ref");

            Assert.Equal("Add the CA to certs.d.", info.RecommendedAction);
            Assert.Same(e, info.Exception);
            Assert.Equal("ref", info.TargetObject);
            Assert.Contains("-SkipCertificateCheck", ErrorMapper.ForException(new OciException(OciErrorKind.TlsFailed, "x"), "ref").RecommendedAction);
        }

        [Fact]
        public void The_displayed_message_and_action_escape_control_characters_the_exception_keeps_the_raw_text()
        {
            // Issue 7 item 16: a name from a bundle's index.json must not reach the console as an escape sequence.
            const string raw = "Bundle 'b' has no entry named 'x\u001b[2J\u009b31m\u202Eexe'.";
            var e = new OciException(OciErrorKind.NotFound, raw) { RecommendedAction = "Name 'y\u001b]0;t\u0007' instead." };

            OciErrorInfo info = ErrorMapper.ForException(e, "x");

            Assert.Equal("Bundle 'b' has no entry named 'x\\u001b[2J\\u009b31m\\u202eexe'.", info.Message);
            Assert.Equal("Name 'y\\u001b]0;t\\u0007' instead.", info.RecommendedAction);
            Assert.Equal(raw, info.Exception.Message);
        }

        [Fact]
        public void The_default_hint_for_a_layout_problem_fits_a_directory_too()
        {
            // Issue 7 item 10: it used to tell a directory's user to write "an archive with a refused entry" again;
            // refused entries and damaged archives now carry their own hint from the engine.
            string? hint = ErrorMapper.DefaultAction(OciErrorKind.InvalidLayout);

            Assert.Contains("directory", hint);
            Assert.DoesNotContain("refused entry", hint);
        }

        [Fact]
        public void A_failed_result_without_an_exception_still_gives_an_error_about_the_input()
        {
            OciErrorInfo info = ErrorMapper.ForArtifact(new ArtifactResult { Input = "nginx", Status = ArtifactStatus.Failed });

            Assert.Equal("OciArtifactFailed", info.ErrorId);
            Assert.Equal("nginx", info.TargetObject);
            Assert.NotEqual(ErrorCategory.NotSpecified, info.Category);
        }
    }
}
