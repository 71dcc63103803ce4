using System;
using System.Linq;
using System.Text;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.Core.Registry;
using Xunit;

namespace OciMirror.Core.Tests.Operations
{
    /// <summary>
    /// Issue 7 item 10: the mapping from a failure to its hint, as a table. An import that failed reading its
    /// bundle (the source side) gets a bundle hint by kind; a registry-side failure and a failure that already
    /// carries a hint are left alone; a refused manifest with foreign layers names the registry setting.
    /// </summary>
    public class HintTableTests
    {
        [Theory]
        [InlineData(OciErrorKind.NotFound, ErrorSide.Source, "bundle is incomplete")]
        [InlineData(OciErrorKind.DigestMismatch, ErrorSide.Source, "bundle is damaged")]
        [InlineData(OciErrorKind.InvalidLayout, ErrorSide.Source, "bundle is damaged")]
        [InlineData(OciErrorKind.ProtocolError, ErrorSide.Source, "bundle is damaged")]
        [InlineData(OciErrorKind.ContentTooLarge, ErrorSide.Source, "bundle is damaged")]
        [InlineData(OciErrorKind.IOFailed, ErrorSide.Source, "readable by this account")]
        [InlineData(OciErrorKind.NotFound, ErrorSide.Destination, null)]
        [InlineData(OciErrorKind.DigestMismatch, ErrorSide.Destination, null)]
        [InlineData(OciErrorKind.Unavailable, ErrorSide.Destination, null)]
        [InlineData(OciErrorKind.AuthenticationFailed, ErrorSide.Source, null)]
        public void ImportSourceFailures_GetABundleHint_OthersKeepTheirs(OciErrorKind kind, ErrorSide side, string? expected)
        {
            var error = new OciException(kind, "it failed") { Side = side, Digest = OciMirror.Core.Model.Digest.Compute(new byte[] { 1 }) };

            OciException explained = BundleSourceHints.Explain(error, "/media/usb/bundle.tar");

            if (expected == null)
            {
                Assert.Same(error, explained);
                return;
            }

            Assert.Contains(expected, explained.RecommendedAction);
            Assert.Equal((error.Kind, error.Message, error.Side, error.Digest), (explained.Kind, explained.Message, explained.Side, explained.Digest));
            Assert.Equal("/media/usb/bundle.tar", explained.Path);
        }

        [Fact]
        public void AHintTheThrowerGave_Wins()
        {
            var error = new OciException(OciErrorKind.NotFound, "x") { Side = ErrorSide.Source, RecommendedAction = "Do this." };

            Assert.Same(error, BundleSourceHints.Explain(error, "b"));
        }

        [Fact]
        public void ArchiveErrors_SayToWriteOrCopyTheArchiveAgain()
        {
            Assert.Contains("write it again from its source", ArchiveErrors.Invalid("a.tar", "refusing entry 'x': a link.").RecommendedAction);
        }

        private const string Foreign = "{\"schemaVersion\":2,\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip\",\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\",\"size\":1},"
            + "{\"mediaType\":\"application/vnd.oci.image.layer.nondistributable.v1.tar+gzip\",\"digest\":\"sha256:1111111111111111111111111111111111111111111111111111111111111111\",\"size\":1}]}";

        private const string Plain = "{\"schemaVersion\":2,\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\",\"size\":1}]}";

        [Theory]
        [InlineData(500, "UNKNOWN,MANIFEST_BLOB_UNKNOWN", Foreign, true)] // distribution 2.8 with URLs not allowed
        [InlineData(400, "MANIFEST_INVALID", Foreign, true)]
        [InlineData(503, "", Foreign, false)]                              // really unavailable
        [InlineData(500, "UNKNOWN,MANIFEST_BLOB_UNKNOWN", Plain, false)]   // no foreign layer: a lost blob, repaired elsewhere
        [InlineData(401, "UNAUTHORIZED", Foreign, false)]
        [InlineData(500, "MANIFEST_BLOB_UNKNOWN", "not json", false)]
        public void RefusedManifestPush_IsExplainedOnlyForForeignLayers(int status, string codes, string manifest, bool explained)
        {
            var refused = new OciException(OciErrorKind.Unavailable, "Cannot push manifest r/a@sha256:…: registry r answered 500.")
            {
                Registry = "r",
                StatusCode = status,
                RegistryErrorCodes = codes.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries),
                RecommendedAction = "The registry is overloaded or down; try again later or lower the concurrency.",
            };

            OciException? result = ForeignLayerRefusal.Explain(refused, Encoding.UTF8.GetBytes(manifest));

            Assert.Equal(explained, result != null);
            if (result != null)
            {
                Assert.Equal(OciErrorKind.UnsupportedMediaType, result.Kind);
                Assert.Contains("2 foreign (non-distributable) layer(s)", result.Message);
                Assert.Contains("validation: manifests: urls: allow", result.RecommendedAction);
                Assert.DoesNotContain("overloaded", result.RecommendedAction);
                Assert.Equal(refused.RegistryErrorCodes, result.RegistryErrorCodes);
            }
        }
    }
}
