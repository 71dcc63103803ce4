using System;
using OciMirror.Cli.Output;
using OciMirror.Core.Errors;
using Xunit;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>Issue 7 item 10, CLI side: the hint line comes from the engine when it has one, else the kind's default.</summary>
    public sealed class ErrorTextHintTests
    {
        [Theory]
        [InlineData(OciErrorKind.InvalidLayout, null, "Point at a bundle")]
        [InlineData(OciErrorKind.InvalidLayout, "Replace the entry.", "Replace the entry.")]
        [InlineData(OciErrorKind.NotFound, "The bundle is incomplete: run verify.", "The bundle is incomplete")]
        [InlineData(OciErrorKind.NotFound, null, "ocimirror tags")]
        [InlineData(OciErrorKind.DigestMismatch, "The bundle is damaged.", "The bundle is damaged.")]
        public void HintLine_IsTheEnginesAction_ElseTheKindsDefault(OciErrorKind kind, string? action, string expected)
        {
            string text = ErrorText.Describe("b", new OciException(kind, "it failed") { RecommendedAction = action });

            string hint = text.Split(Environment.NewLine)[1];
            Assert.StartsWith("  hint: ", hint);
            Assert.Contains(expected, hint);
            Assert.DoesNotContain("refused entry", hint);
        }
    }
}
