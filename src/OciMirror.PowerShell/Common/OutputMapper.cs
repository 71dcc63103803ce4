using System.Linq;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Operations;

namespace OciMirror.PowerShell.Common
{
    /// <summary>Maps engine results to the module's output types; no engine type reaches the pipeline.</summary>
    internal static class OutputMapper
    {
        public static OciArtifactInfo ToArtifactInfo(ArtifactResult result) => new OciArtifactInfo
        {
            Reference = result.Source ?? result.Input,
            Destination = result.Destination,
            Digest = result.Digest,
            MediaType = result.MediaType,
            ArtifactType = result.ArtifactType,
            Size = result.Size,
            Platform = result.Platforms.ToArray(),
            ResolvedDigest = result.ResolvedDigest,
            Note = result.Note,
            Status = result.Status.ToString(),
            BlobsCopied = result.NodesCopied,
            BytesCopied = result.BytesCopied,
        };

        public static OciPulledFile ToPulledFile(string source, PulledFile file) => new OciPulledFile
        {
            Reference = source,
            Title = file.Title,
            Path = file.Path,
            Digest = file.Digest,
            MediaType = file.MediaType,
            Size = file.Size,
            Unpacked = file.Unpacked,
            Status = file.Skipped ? "Current" : "Written",
        };

        public static OciTagInfo ToTagInfo(TagInfo tag) => new OciTagInfo
        {
            Registry = tag.Registry,
            Repository = tag.Repository,
            Tag = tag.Tag,
            Digest = tag.Digest,
            Reference = tag.Reference,
        };

        public static OciBundleArtifactInfo ToBundleArtifactInfo(string bundlePath, BundleArtifactInfo entry) => new OciBundleArtifactInfo
        {
            Path = bundlePath,
            FullName = entry.FullName,
            Tag = entry.Tag,
            Reference = entry.Reference,
            Digest = entry.Digest,
            MediaType = entry.MediaType,
            ArtifactType = entry.ArtifactType,
            Platform = entry.Platforms.ToArray(),
            Size = entry.Size,
        };

        public static OciBundleCheck ToBundleCheck(string bundlePath, BundleArtifactCheck check) => new OciBundleCheck
        {
            Path = bundlePath,
            Reference = check.Reference,
            Digest = check.Digest,
            IsValid = check.IsValid,
            BadBlob = check.BadBlobs.ToArray(),
            Note = check.Note,
        };

        public static OciBundleBlobProblem ToBlobProblem(string bundlePath, BlobProblem problem) => new OciBundleBlobProblem
        {
            Path = bundlePath,
            Digest = problem.Digest,
            Kind = problem.Kind.ToString(),
            Location = problem.Location,
            Message = problem.Message,
        };

        /// <summary>A problem of the layout itself (not of one blob), as a problem object of kind <c>Layout</c>.</summary>
        public static OciBundleBlobProblem ToLayoutProblem(string bundlePath, string message) => new OciBundleBlobProblem
        {
            Path = bundlePath,
            Kind = LayoutProblemKind,
            Message = message,
        };

        /// <summary>The <see cref="OciBundleBlobProblem.Kind"/> of a problem of the layout itself.</summary>
        public const string LayoutProblemKind = "Layout";
    }
}
