using System.Linq;
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
            Status = result.Status.ToString(),
            BlobsCopied = result.NodesCopied,
            BytesCopied = result.BytesCopied,
        };

        public static OciTagInfo ToTagInfo(TagInfo tag) => new OciTagInfo
        {
            Registry = tag.Registry,
            Repository = tag.Repository,
            Tag = tag.Tag,
            Digest = tag.Digest,
            Reference = tag.Reference,
        };
    }
}
