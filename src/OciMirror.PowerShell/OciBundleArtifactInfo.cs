namespace OciMirror.PowerShell
{
    /// <summary>
    /// One named entry (root of index.json) of a bundle, written by Get-OciBundle. Its <see cref="Path"/> and
    /// <see cref="Reference"/> properties bind to the -Path and -Reference parameters of Import-OciArtifact,
    /// so <c>Get-OciBundle E:\b.tar | Where-Object Tag -like '1.*' | Import-OciArtifact -Destination reg</c>
    /// imports exactly the selected entries in one import of that bundle.
    /// </summary>
    public sealed class OciBundleArtifactInfo
    {
        /// <summary>The bundle (directory, .tar or .tgz) as a file-system path.</summary>
        public string Path { get; set; } = string.Empty;

        /// <summary>The full normalized reference (<c>docker.io/library/nginx:1.27</c>); null for entries written with a tag only or without a name.</summary>
        public string? FullName { get; set; }

        /// <summary>The tag (<c>org.opencontainers.image.ref.name</c>), or null.</summary>
        public string? Tag { get; set; }

        /// <summary>What selects exactly this entry in Import-OciArtifact -Reference: the full name, else the tag, else the digest.</summary>
        public string Reference { get; set; } = string.Empty;

        /// <summary>Digest of the root manifest or index.</summary>
        public string Digest { get; set; } = string.Empty;

        /// <summary>Media type of the root manifest or index.</summary>
        public string MediaType { get; set; } = string.Empty;

        /// <summary>The artifact type of a non-image artifact (Helm chart, signature, SBOM), else null.</summary>
        public string? ArtifactType { get; set; }

        /// <summary>Platforms of a multi-platform index (<c>linux/amd64</c>); empty for a single manifest.</summary>
        public string[] Platform { get; set; } = new string[0];

        /// <summary>
        /// <see cref="Platform"/> joined with ", " (empty when there are none): the column Export-Csv and Format-Table
        /// show readably, where the array itself would come out as <c>System.String[]</c>.
        /// </summary>
        public string PlatformList => string.Join(", ", Platform);

        /// <summary>Bytes of every unique blob under the entry (root included) that the bundle holds.</summary>
        public long Size { get; set; }

        public override string ToString() => Reference + "@" + Digest;
    }
}
