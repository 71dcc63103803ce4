using System.Collections.Generic;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;

namespace OciMirror.PowerShell.Tests.TestSupport
{
    /// <summary>Builders for engine results.</summary>
    internal static class Results
    {
        public static ArtifactResult Copied(string input, string? digest = "sha256:" + "ab12", long bytes = 100) => new ArtifactResult
        {
            Input = input,
            Source = "docker.io/library/" + input,
            Destination = "/fs/bundle",
            Digest = digest,
            MediaType = "application/vnd.oci.image.index.v1+json",
            Size = bytes * 2,
            Platforms = new[] { "linux/amd64", "linux/arm64" },
            Status = ArtifactStatus.Copied,
            NodesCopied = 3,
            NodesSkipped = 1,
            BytesCopied = bytes,
        };

        public static ArtifactResult Failed(string input, OciErrorKind kind, string? action = null) => new ArtifactResult
        {
            Input = input,
            Status = ArtifactStatus.Failed,
            Error = new OciException(kind, $"'{input}' failed: {kind}.") { Reference = input, RecommendedAction = action },
        };

        public static OperationSummary Summary(params ArtifactResult[] results) => new OperationSummary(new List<ArtifactResult>(results));
    }
}
