using System;

namespace OciMirror.Core.Platforms
{
    /// <summary>
    /// Normalizes the spellings of operating systems, architectures and variants the way containerd's
    /// <c>platforms.Normalize</c> does, so that <c>aarch64</c> is <c>arm64</c>, an arm64 platform without a
    /// variant is <c>v8</c>, and an arm platform without a variant is <c>v7</c> (image-spec image-index.md
    /// and the Go <c>GOARM</c>/<c>GOARCH</c> values it cites).
    /// </summary>
    internal static class PlatformNames
    {
        /// <summary>The canonical operating system: lowercase, <c>macos</c> is <c>darwin</c>.</summary>
        public static string Os(string os)
        {
            string lower = (os ?? string.Empty).Trim().ToLowerInvariant();
            return lower == "macos" ? "darwin" : lower;
        }

        /// <summary>The canonical architecture and variant (variant null when the architecture has none).</summary>
        public static (string Architecture, string? Variant) Architecture(string architecture, string? variant)
        {
            string arch = (architecture ?? string.Empty).Trim().ToLowerInvariant();
            string? v = string.IsNullOrWhiteSpace(variant) ? null : variant!.Trim().ToLowerInvariant();
            switch (arch)
            {
                case "i386":
                    return ("386", v);
                case "x86_64":
                case "x86-64":
                case "amd64":
                    return ("amd64", v == "v1" ? null : v);
                case "aarch64":
                case "arm64":
                    return ("arm64", v == null || v == "8" || v == "v8" || v == "v8.0" ? "v8" : v == "9" || v == "9.0" || v == "v9.0" ? "v9" : v);
                case "armhf":
                    return ("arm", "v7");
                case "armel":
                    return ("arm", "v6");
                case "arm":
                    return ("arm", v == null || v == "7" ? "v7" : v == "5" || v == "6" || v == "8" ? "v" + v : v);
                default:
                    return (arch, v);
            }
        }

        /// <summary>True when the two spellings name the same platform name part (ordinal, after normalization).</summary>
        public static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal);
    }
}
