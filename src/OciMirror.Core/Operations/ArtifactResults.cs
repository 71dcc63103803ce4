using OciMirror.Core.Diagnostics;
using OciMirror.Core.Copy;
using OciMirror.Core.Errors;
using OciMirror.Core.Platforms;
using System.Linq;

namespace OciMirror.Core.Operations
{
    /// <summary>Builds <see cref="ArtifactResult"/>s the same way for export and import.</summary>
    internal static class ArtifactResults
    {
        public static ArtifactResult Failed(string input, string? source, string? destination, OciException error) => new ArtifactResult
        {
            Input = input,
            Source = source,
            Destination = destination,
            Status = ArtifactStatus.Failed,
            Error = error,
        };

        /// <summary><paramref name="result"/> turned Failed with <paramref name="error"/>; what it transferred stays counted.</summary>
        public static ArtifactResult AsFailed(ArtifactResult result, OciException error) => new ArtifactResult
        {
            Input = result.Input,
            Source = result.Source,
            Destination = result.Destination,
            Digest = result.Digest,
            MediaType = result.MediaType,
            ArtifactType = result.ArtifactType,
            Size = result.Size,
            Platforms = result.Platforms,
            Status = ArtifactStatus.Failed,
            NodesCopied = result.NodesCopied,
            NodesSkipped = result.NodesSkipped,
            BytesCopied = result.BytesCopied,
            Error = error,
        };

        /// <summary>A result for a planned artifact; <paramref name="stats"/> is null when nothing was copied.</summary>
        public static ArtifactResult FromPlan(string input, string source, string destination, CopyPlan plan, ArtifactStatus status, CopyStats? stats, PlatformChoice? choice = null) => new ArtifactResult
        {
            Input = input,
            Source = source,
            Destination = destination,
            Digest = plan.Root.Digest.ToString(),
            MediaType = plan.RootInfo.MediaType,
            ArtifactType = plan.RootInfo.ArtifactType,
            Size = plan.TotalBytes,
            MissingBytes = plan.MissingBytes,
            Platforms = choice == null || choice.Kind == PlatformChoiceKind.Unfiltered ? plan.Platforms : choice.Selected.Select(p => p.ToString()).Distinct().ToList(),
            ResolvedDigest = choice == null || choice.Root.Digest == choice.Resolved.Digest ? null : choice.Resolved.Digest.ToString(),
            Note = choice?.Note,
            Status = status,
            NodesCopied = stats?.NodesCopied ?? 0,
            NodesSkipped = stats?.NodesSkipped ?? (status == ArtifactStatus.Skipped ? plan.TotalNodes : 0),
            BytesCopied = stats?.BytesCopied ?? 0,
        };

        /// <summary>"7 blobs (12.4 MiB)": what a ShouldProcess action says will be transferred.</summary>
        public static string DescribeTransfer(CopyPlan plan) =>
            $"{plan.MissingNodes} {(plan.MissingNodes == 1 ? "blob" : "blobs")} ({ByteSize.Format(plan.MissingBytes)})";
    }
}
