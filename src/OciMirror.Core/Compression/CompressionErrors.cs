using OciMirror.Core.Errors;

namespace OciMirror.Core.Compression
{
    /// <summary>
    /// The exceptions of the decompressors: <see cref="OciErrorKind.InvalidLayout"/>, worded like the
    /// archive layer's ("Archive 'x': …", "…; the archive is truncated.") so a reader cannot tell which
    /// layer found the problem.
    /// </summary>
    internal static class CompressionErrors
    {
        public static OciException Invalid(string? archiveName, string message) =>
            new OciException(OciErrorKind.InvalidLayout, $"{(archiveName == null ? "The archive" : $"Archive '{archiveName}'")}: {message}") { Path = archiveName };

        public static OciException Truncated(string? archiveName, string what) =>
            Invalid(archiveName, $"{what}; the archive is truncated.");
    }
}
