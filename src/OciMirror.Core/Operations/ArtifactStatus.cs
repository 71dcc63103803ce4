namespace OciMirror.Core.Operations
{
    /// <summary>What happened to one artifact.</summary>
    public enum ArtifactStatus
    {
        /// <summary>Content was copied (some blobs may have been present already).</summary>
        Copied,

        /// <summary>Everything was present already under the same name and digest; nothing was transferred.</summary>
        Skipped,

        /// <summary>ShouldProcess answered no (-WhatIf or -Confirm declined); nothing was written.</summary>
        Declined,

        /// <summary>The artifact failed; <see cref="ArtifactResult.Error"/> says why.</summary>
        Failed,
    }
}
