using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Files
{
    /// <summary>
    /// The rules for <c>org.opencontainers.image.title</c> as a file name: written by push, and the only names
    /// pull writes. A title must be a relative path below the output directory: not empty, not absolute (no
    /// leading '/', no drive letter <c>C:</c>, no UNC), no '\' (a separator on Windows that hides a <c>..</c>
    /// elsewhere), no <c>.</c> or <c>..</c> component, no NUL or control character; on Windows also no ':' (an
    /// NTFS alternate stream), which is an ordinary character elsewhere (oras's example file <c>hi:txt</c>).
    /// The same rules apply to the entries of a directory tarball.
    /// </summary>
    internal static class FileTitles
    {
        private static readonly Regex DriveLetter = new Regex(@"^[A-Za-z]:", RegexOptions.CultureInvariant);

        /// <summary>The default title of a path as typed (see <see cref="PushFile.Parse"/>).</summary>
        public static string FromPath(string path)
        {
            string slashed = path.Replace('\\', '/').TrimEnd('/');
            string[] parts = slashed.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
            bool outside = slashed.StartsWith("/", StringComparison.Ordinal) || DriveLetter.IsMatch(slashed) || parts.Contains("..");
            if (outside || parts.Length == 0)
            {
                // The last component, with '\' as a separator on every OS: a Windows path typed on Linux too.
                string name = slashed.Substring(slashed.LastIndexOf('/') + 1);
                return name.Length == 0 || name == ".." ? path : name;
            }

            return string.Join("/", parts);
        }

        /// <summary>Returns <paramref name="title"/> when it is a safe relative path.</summary>
        /// <exception cref="OciException">UnsafePath naming the title and <paramref name="what"/> (the file or artifact it belongs to).</exception>
        public static string Check(string? title, string what)
        {
            string? why = Problem(title, OnWindows);
            if (why != null)
            {
                throw new OciException(OciErrorKind.UnsafePath, $"The file name '{title}' of {what} is refused: {why}.")
                {
                    Reference = title,
                    RecommendedAction = "File names (org.opencontainers.image.title) must be relative paths with '/' below the output directory; ask the publisher to push the artifact again with a plain name.",
                };
            }

            return title!;
        }

        /// <summary>True on Windows, where ':' in a file name opens an NTFS stream.</summary>
        public static bool OnWindows { get; } = System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows);

        /// <summary>Why <paramref name="name"/> is not a safe relative path, or null when it is (<paramref name="windows"/>: refuse ':' too).</summary>
        public static string? Problem(string? name, bool windows)
        {
            if (name == null || name.Length == 0)
            {
                return "it is empty";
            }

            if (name.Any(c => c == '\0' || char.IsControl(c)))
            {
                return "it contains a control character";
            }

            if (name.IndexOf('\\') >= 0)
            {
                return "it contains a backslash";
            }

            if (name.StartsWith("/", StringComparison.Ordinal) || DriveLetter.IsMatch(name))
            {
                return "it is an absolute path";
            }

            if (windows && name.IndexOf(':') >= 0)
            {
                return "it contains ':' (a drive or an NTFS stream on Windows)";
            }

            string[] parts = name.TrimEnd('/').Split('/');
            if (parts.Any(p => p == ".."))
            {
                return "it contains a '..' component";
            }

            if (parts.Any(p => p.Length == 0 || p == "."))
            {
                return "it contains an empty or '.' component";
            }

            return null;
        }

        /// <summary>
        /// The full path of <paramref name="name"/> (already checked) below <paramref name="root"/>; refuses a name
        /// whose existing parent directories include a symbolic link or junction (it could lead outside).
        /// </summary>
        /// <exception cref="OciException">UnsafePath.</exception>
        public static string Below(string root, string name, string what)
        {
            string full = root;
            string[] parts = name.TrimEnd('/').Split('/');
            for (int i = 0; i < parts.Length; i++)
            {
                full = System.IO.Path.Combine(full, parts[i]);
                var info = new DirectoryInfo(full);
                if (info.Exists || File.Exists(full))
                {
                    FileAttributes attributes = File.GetAttributes(full);
                    if ((attributes & FileAttributes.ReparsePoint) != 0)
                    {
                        throw new OciException(OciErrorKind.UnsafePath, $"The file name '{name}' of {what} is refused: '{full}' is a symbolic link or junction, which could lead outside '{root}'.")
                        {
                            Path = full,
                            Reference = name,
                            RecommendedAction = "Pull into a directory without links, or remove the link.",
                        };
                    }
                }
            }

            return full;
        }
    }
}
