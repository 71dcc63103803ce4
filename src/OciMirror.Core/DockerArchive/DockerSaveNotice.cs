using System.Collections.Generic;
using System.Linq;

namespace OciMirror.Core.DockerArchive
{
    /// <summary>The one sentence every verb says about a classic docker save archive: what it is, and that import makes new digests.</summary>
    internal static class DockerSaveNotice
    {
        public static string Describe(string archive, IReadOnlyList<DockerSaveImage> images)
        {
            IEnumerable<string> each = images.Select(i => (i.RepoTags.Count == 0 ? "(no name)" : string.Join(", ", i.RepoTags)) + " → " + i.Manifest.Digest);
            return $"'{archive}' is a classic docker save archive, not an OCI layout: it holds no registry manifest, so import builds one per image "
                + "(OCI image manifest over the saved config and uncompressed layers). These are NEW digests, not the ones the images had in their registry: "
                + string.Join("; ", each) + ".";
        }
    }
}
