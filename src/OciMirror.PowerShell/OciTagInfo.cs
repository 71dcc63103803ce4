namespace OciMirror.PowerShell
{
    /// <summary>
    /// One tag written by Get-OciTag. Its <see cref="Reference"/> property binds to the -Reference
    /// parameter of Export-OciArtifact, so <c>Get-OciTag nginx | Export-OciArtifact -Path x</c> works.
    /// </summary>
    public sealed class OciTagInfo
    {
        /// <summary>The normalized registry (<c>docker.io</c>, <c>localhost:5000</c>).</summary>
        public string Registry { get; set; } = string.Empty;

        /// <summary>The repository path (<c>library/nginx</c>).</summary>
        public string Repository { get; set; } = string.Empty;

        public string Tag { get; set; } = string.Empty;

        /// <summary>The digest the tag points to; null unless -ResolveDigest was given.</summary>
        public string? Digest { get; set; }

        /// <summary>The full reference <c>registry/repository:tag</c>.</summary>
        public string Reference { get; set; } = string.Empty;

        public override string ToString() => Reference;
    }
}
