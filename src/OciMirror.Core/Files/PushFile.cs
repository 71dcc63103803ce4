using System;
using System.Text.RegularExpressions;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Files
{
    /// <summary>
    /// One file or directory to push as a layer of an artifact, with its media type (null for the default:
    /// <c>application/vnd.oci.image.layer.v1.tar</c> for a file, <c>…tar+gzip</c> for a directory, as oras) and
    /// the title it is pulled back as (<c>org.opencontainers.image.title</c>). Immutable.
    /// </summary>
    public sealed class PushFile
    {
        private static readonly Regex DrivePath = new Regex(@"^[A-Za-z]:[\\/]", RegexOptions.CultureInvariant);

        public PushFile(string path, string? mediaType, string title)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("A file to push needs a path.", nameof(path));
            }

            Path = path;
            MediaType = string.IsNullOrEmpty(mediaType) ? null : MediaTypeText.Check(mediaType!, path);
            Title = FileTitles.Check(title, path);
        }

        /// <summary>The file or directory to read.</summary>
        public string Path { get; }

        /// <summary>The layer media type, or null for the default.</summary>
        public string? MediaType { get; }

        /// <summary>The <c>org.opencontainers.image.title</c> of the layer: a relative path with '/' separators.</summary>
        public string Title { get; }

        /// <summary>
        /// Parses <c>FILE[:MEDIATYPE]</c> like oras: the media type follows the last ':' (so <c>hi:txt:</c> is the
        /// file <c>hi:txt</c> with the default type), except the ':' of a Windows drive (<c>C:\dir\a.txt</c>). The
        /// title is the path as typed, cleaned (<c>./docs/</c> is <c>docs</c>), or its last component when the path
        /// is absolute or leaves the current directory.
        /// </summary>
        /// <exception cref="OciException">InvalidReference: an empty path or a malformed media type.</exception>
        public static PushFile Parse(string text)
        {
            string input = text ?? string.Empty;
            int colon = input.LastIndexOf(':');
            string path = input;
            string? mediaType = null;
            if (colon >= 0 && !(colon == 1 && DrivePath.IsMatch(input)))
            {
                path = input.Substring(0, colon);
                mediaType = input.Substring(colon + 1);
            }

            if (path.Trim().Length == 0)
            {
                throw new OciException(OciErrorKind.InvalidReference, $"'{input}' names no file.")
                {
                    Reference = input,
                    RecommendedAction = "Write each file as FILE[:MEDIATYPE], for example hi.txt or hi.txt:text/plain.",
                };
            }

            return new PushFile(path, mediaType, FileTitles.FromPath(path));
        }

        /// <summary>The same layer read from <paramref name="path"/> (a resolved path), keeping type and title.</summary>
        public PushFile WithPath(string path) => new PushFile(path, MediaType, Title);

        /// <summary>The same layer with another title.</summary>
        /// <exception cref="OciException">UnsafePath for a title that is not a safe relative path.</exception>
        public PushFile WithTitle(string title) => new PushFile(Path, MediaType, title);

        public override string ToString() => Path + (MediaType == null ? string.Empty : ":" + MediaType);
    }
}
