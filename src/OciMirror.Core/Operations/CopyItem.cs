using OciMirror.Core.Errors;
using OciMirror.Core.Platforms;
using OciMirror.Core.References;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// One reference of a registry → registry copy, planned: where it comes from and where it goes (tag or
    /// digest), or why it cannot be copied. Built by <see cref="CopyOperation"/> from its arguments and by
    /// sync from a sync file. Immutable.
    /// </summary>
    internal sealed class CopyItem
    {
        private CopyItem(string input, Reference? source, Reference? destination, PlatformFilter platforms, OciException? error)
        {
            Input = input;
            Source = source;
            Destination = destination;
            Platforms = platforms;
            Error = error;
        }

        /// <summary>The input as the user gave it (an argument, a line, a sync-file entry).</summary>
        public string Input { get; }

        /// <summary>The source reference (tag, digest, or both: resolved by digest).</summary>
        public Reference? Source { get; }

        /// <summary>The destination: its tag is set after the copy; without a tag it is pushed by digest only.</summary>
        public Reference? Destination { get; }

        /// <summary>The platforms to copy; <see cref="PlatformFilter.None"/> = the whole artifact, byte-identical.</summary>
        public PlatformFilter Platforms { get; }

        /// <summary>Why the item cannot be copied (it is reported failed without any request), or null.</summary>
        public OciException? Error { get; }

        public static CopyItem Of(string input, Reference source, Reference destination, PlatformFilter platforms) =>
            new CopyItem(input, source, destination, platforms, null);

        public static CopyItem Failed(string input, Reference? source, OciException error) =>
            new CopyItem(input, source, null, PlatformFilter.None, error);

        /// <summary><c>host/repo:tag</c> or <c>host/repo@digest</c> of the destination.</summary>
        public string? DestinationDisplay => Destination?.ToString();
    }
}
