using System.Collections.Generic;

namespace OciMirror.Core.Tests.Selection
{
    /// <summary>
    /// A repository's tags as release pipelines leave them: releases, short versions, a v prefix, pre-releases,
    /// Helm-style build metadata (<c>_</c> for <c>+</c>), variants, a date tag, moving tags and cosign / referrers
    /// digest tags. The digest tags name <see cref="SignedDigest"/> and <see cref="OtherDigest"/>.
    /// </summary>
    internal static class SelectionTags
    {
        public const string SignedHex = "1111111111111111111111111111111111111111111111111111111111111111";
        public const string OtherHex = "2222222222222222222222222222222222222222222222222222222222222222";

        public static string SignedDigest => "sha256:" + SignedHex;

        public static string OtherDigest => "sha256:" + OtherHex;

        public static readonly IReadOnlyList<string> All = new[]
        {
            "latest", "stable", "edge", "nightly-2024-01-01", "20240101",
            "1.0.0", "1.0.1", "1.1.0", "1.2.0", "1.2.1", "1.3.0",
            "1.4", "1.4.0", "1.4.1", "1.4.2", "1.4-alpine",
            "1.5", "1.5.0", "1.5.1-rc.1", "1.5.1",
            "1.6.0-beta.1", "1.6.0-rc.1", "1.6.0-rc.2", "v1.6.0", "1.6.0_build.7",
            "1.7.0-alpha", "1.10.0",
            "2", "2.0.0-rc.1", "2.0.0", "2.0.1", "2.1.0", "2.1.0-alpine", "3.0.0",
            "sha256-" + SignedHex + ".sig", "sha256-" + SignedHex + ".att", "sha256-" + SignedHex, "sha256-" + OtherHex + ".sig",
        };
    }
}
