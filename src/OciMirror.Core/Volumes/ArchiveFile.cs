using System.IO;

namespace OciMirror.Core.Volumes
{
    /// <summary>
    /// An archive bundle on disk, whole or split: the one place readers open archive files, so that every
    /// reader (import, list, verify, incremental export) takes the first part of a split set, or the bare
    /// name of the set, wherever it takes a file.
    /// </summary>
    public static class ArchiveFile
    {
        private const string LocatedMarker = "Reading of the split set stopped";

        /// <summary>True when <paramref name="path"/> is an existing file or names a split set.</summary>
        /// <exception cref="Errors.OciException">InvalidLayout: it names a split set with a missing or short part.</exception>
        public static bool Exists(string path) => File.Exists(path) || SplitVolumeSet.Find(path) != null;

        /// <summary>
        /// Opens <paramref name="path"/> for reading (shared read, seekable): the file itself, or the
        /// parts of the split set it names joined into one stream (<see cref="SplitVolumeReadStream"/>).
        /// The caller disposes the stream.
        /// </summary>
        /// <exception cref="IOException">The file cannot be opened.</exception>
        /// <exception cref="Errors.OciException">InvalidLayout: a split set with a missing or short part.</exception>
        public static Stream OpenRead(string path)
        {
            SplitVolumeSet? set = SplitVolumeSet.Find(path);
            return set != null
                ? new SplitVolumeReadStream(set)
                : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }

        /// <summary>
        /// <paramref name="error"/> with the part and the offset in it where reading stood appended, when
        /// <paramref name="stream"/> reads a split set (a cut or corrupt archive is then located on the right
        /// medium); <paramref name="error"/> itself otherwise. At the very end of the set the message says
        /// that a next part may be missing: a set cut after a whole part looks complete otherwise.
        /// </summary>
        public static Errors.OciException Locate(Stream? stream, Errors.OciException error)
        {
            if (!(stream is SplitVolumeReadStream split) || error.Message.Contains(LocatedMarker))
            {
                return error;
            }

            SplitVolumeSet set = split.Set;
            string where = split.Position >= set.TotalLength
                ? $"{LocatedMarker} at the end of the last part found, '{set.Parts[set.Parts.Count - 1]}': if the set has more parts, '{SplitVolumeNames.PartPath(set.BasePath, set.Parts.Count + 1)}' is missing."
                : $"{LocatedMarker} in {split.DescribePosition()}.";
            return new Errors.OciException(error.Kind, error.Message.TrimEnd() + " " + where, error)
            {
                Path = error.Path ?? set.BasePath,
                Digest = error.Digest,
                Reference = error.Reference,
                RecommendedAction = error.RecommendedAction,
            };
        }
    }
}
