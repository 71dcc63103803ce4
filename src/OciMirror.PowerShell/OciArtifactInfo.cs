namespace OciMirror.PowerShell
{
    /// <summary>
    /// What Export-OciArtifact and Import-OciArtifact write for each artifact that was copied, skipped or
    /// declined (-WhatIf). Plain strings and numbers only, so it serializes over remoting and into runbook
    /// job output; failures are error records, not objects of this type.
    /// </summary>
    public sealed class OciArtifactInfo
    {
        /// <summary>The normalized source reference (<c>docker.io/library/nginx:1.27</c>), or the input when it did not parse.</summary>
        public string Reference { get; set; } = string.Empty;

        /// <summary>Where the artifact went: the bundle path (export) or the destination reference (import).</summary>
        public string? Destination { get; set; }

        /// <summary>Digest of the root manifest or index; identical on both sides.</summary>
        public string? Digest { get; set; }

        /// <summary>Media type of the root manifest or index.</summary>
        public string? MediaType { get; set; }

        /// <summary>The artifact type of a non-image artifact (Helm chart, signature, SBOM), else null.</summary>
        public string? ArtifactType { get; set; }

        /// <summary>Bytes of all unique content of the artifact (manifests, configs, layers).</summary>
        public long Size { get; set; }

        /// <summary>
        /// Platforms of a multi-platform index (<c>linux/amd64</c>, <c>linux/arm64/v8:el9</c>); empty for a single manifest.
        /// With -Platform: the platforms selected.
        /// </summary>
        public string[] Platform { get; set; } = new string[0];

        /// <summary>
        /// With -Platform, when what was copied is not what the reference resolved to (one child of an index, a filtered
        /// index): the digest the reference resolved to; else null.
        /// </summary>
        public string? ResolvedDigest { get; set; }

        /// <summary>What a platform selection did, in one sentence; null without -Platform.</summary>
        public string? Note { get; set; }

        /// <summary>
        /// <see cref="Platform"/> joined with ", " (empty when there are none): the column Export-Csv and Format-Table
        /// show readably, where the array itself would come out as <c>System.String[]</c>.
        /// </summary>
        public string PlatformList => string.Join(", ", Platform);

        /// <summary><c>Copied</c>, <c>Skipped</c> (everything was present) or <c>Declined</c> (-WhatIf, -Confirm answered no).</summary>
        public string Status { get; set; } = string.Empty;

        /// <summary>Blobs and manifests this artifact transferred (content shared with an earlier artifact of the run counts once).</summary>
        public int BlobsCopied { get; set; }

        /// <summary>Bytes this artifact transferred.</summary>
        public long BytesCopied { get; set; }

        public override string ToString() => Digest == null ? Reference : Reference + "@" + Digest;
    }
}
