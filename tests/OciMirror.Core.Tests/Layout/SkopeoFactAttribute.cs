using System;
using System.IO;
using System.Linq;
using Xunit;

namespace OciMirror.Core.Tests.Layout
{
    /// <summary>A fact that needs the skopeo binary (DESIGN §10: skopeo is the interop peer); skipped when it is not on PATH.</summary>
    public sealed class SkopeoFactAttribute : FactAttribute
    {
        public SkopeoFactAttribute()
        {
            if (Executable == null)
            {
                Skip = "skopeo is not installed (PATH has no skopeo).";
            }
        }

        /// <summary>The full path of skopeo, or null.</summary>
        public static string? Executable { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Where(dir => dir.Length > 0)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "skopeo.exe" : "skopeo"))
            .FirstOrDefault(File.Exists);
    }
}
