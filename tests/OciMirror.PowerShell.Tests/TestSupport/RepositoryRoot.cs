using System;
using System.IO;

namespace OciMirror.PowerShell.Tests.TestSupport
{
    /// <summary>The checkout root: the nearest folder above the test binaries that holds OciMirror.sln.</summary>
    internal static class RepositoryRoot
    {
        public static string Path { get; } = Find();

        public static string Combine(params string[] parts) => System.IO.Path.Combine(Path, System.IO.Path.Combine(parts));

        private static string Find()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "OciMirror.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("OciMirror.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
