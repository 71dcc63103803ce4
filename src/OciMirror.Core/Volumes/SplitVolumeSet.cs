using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Volumes
{
    /// <summary>
    /// The parts of a split archive on disk, found from the name of any part or the bare name of the
    /// set, and checked before anything is read: numbered from <c>.001</c> without gaps, every part but
    /// the last exactly as long as the first (the split size), the last no longer. Immutable.
    /// </summary>
    public sealed class SplitVolumeSet
    {
        private SplitVolumeSet(string basePath, IReadOnlyList<string> parts, IReadOnlyList<long> lengths)
        {
            BasePath = basePath;
            Parts = parts;
            Lengths = lengths;
            long total = 0;
            foreach (long length in lengths)
            {
                total += length;
            }

            TotalLength = total;
        }

        /// <summary>The set's name without a part number (<c>/media/usb/mirror.tar.zst</c>).</summary>
        public string BasePath { get; }

        /// <summary>The part files in order (full paths).</summary>
        public IReadOnlyList<string> Parts { get; }

        /// <summary>The length of each part.</summary>
        public IReadOnlyList<long> Lengths { get; }

        /// <summary>The length of the joined archive.</summary>
        public long TotalLength { get; }

        /// <summary>
        /// The set <paramref name="path"/> names: <paramref name="path"/> is a part (<c>NAME.001</c>, or any
        /// other part number), or a bare name that does not exist as a file while <c>NAME.001</c> does. Null
        /// when <paramref name="path"/> is an ordinary file or names nothing of the kind.
        /// </summary>
        /// <exception cref="OciException">InvalidLayout naming the set and the part that is missing (a gap, or the
        /// first part) or short (shorter than the first part, though a later part exists).</exception>
        public static SplitVolumeSet? Find(string path)
        {
            string full = System.IO.Path.GetFullPath(path);
            string basePath;
            if (SplitVolumeNames.TryParsePart(full, out string named, out _) && File.Exists(full))
            {
                basePath = named;
            }
            else if (!File.Exists(full) && !Directory.Exists(full) && File.Exists(SplitVolumeNames.PartPath(full, 1)))
            {
                basePath = full;
            }
            else
            {
                return null;
            }

            return Load(basePath);
        }

        /// <summary>True when a part of the set <paramref name="basePath"/> exists (used to refuse writing over a set by accident).</summary>
        public static bool Exists(string basePath) => File.Exists(SplitVolumeNames.PartPath(basePath, 1));

        /// <summary>Every file named like a part of <paramref name="basePath"/> (<c>NAME.NNN</c>), whatever its number.</summary>
        public static IEnumerable<(string Path, int Number)> EnumerateParts(string basePath)
        {
            string directory = System.IO.Path.GetDirectoryName(basePath)!;
            string name = System.IO.Path.GetFileName(basePath);
            if (!Directory.Exists(directory))
            {
                yield break;
            }

            foreach (string file in Directory.EnumerateFiles(directory, name + ".*"))
            {
                if (SplitVolumeNames.TryParsePart(file, out string owner, out int number) && string.Equals(owner, basePath, Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                {
                    yield return (file, number);
                }
            }
        }

        /// <summary>"part 'NAME.002' (offset 123 of it)" for an offset in the joined archive.</summary>
        public string Describe(long offset)
        {
            long start = 0;
            for (int i = 0; i < Parts.Count; i++)
            {
                if (offset < start + Lengths[i] || i == Parts.Count - 1)
                {
                    return string.Format(CultureInfo.InvariantCulture, "part '{0}' (offset {1} of it)", Parts[i], Math.Max(0, offset - start));
                }

                start += Lengths[i];
            }

            return $"part '{Parts[0]}'";
        }

        private static SplitVolumeSet Load(string basePath)
        {
            var found = new SortedDictionary<int, string>();
            foreach ((string file, int number) in EnumerateParts(basePath))
            {
                found[number] = file;
            }

            var parts = new List<string>();
            var lengths = new List<long>();
            for (int number = 1; found.Count > 0; number++)
            {
                string expected = SplitVolumeNames.PartPath(basePath, number);
                if (!found.TryGetValue(number, out string? file))
                {
                    throw Broken(basePath, $"part '{expected}' is missing (parts up to {SplitVolumeNames.PartPath(basePath, Max(found))} exist)");
                }

                found.Remove(number);
                parts.Add(file);
                lengths.Add(new FileInfo(file).Length);
            }

            for (int i = 1; i < parts.Count - 1; i++)
            {
                if (lengths[i] != lengths[0])
                {
                    throw Broken(basePath, $"part '{parts[i]}' holds {lengths[i]} bytes, but every part before the last holds the split size, {lengths[0]} bytes like '{parts[0]}': it is short (an interrupted copy?)");
                }
            }

            if (parts.Count > 1 && lengths[parts.Count - 1] > lengths[0])
            {
                throw Broken(basePath, $"its last part '{parts[parts.Count - 1]}' holds {lengths[parts.Count - 1]} bytes, more than the split size of {lengths[0]} bytes of '{parts[0]}': the parts come from different exports");
            }

            return new SplitVolumeSet(basePath, parts, lengths);
        }

        private static int Max(SortedDictionary<int, string> found)
        {
            int max = 0;
            foreach (int number in found.Keys)
            {
                max = Math.Max(max, number);
            }

            return max;
        }

        private static OciException Broken(string basePath, string why) => new OciException(
            OciErrorKind.InvalidLayout,
            $"The split archive '{basePath}' cannot be read: {why}.")
        {
            Path = basePath,
            RecommendedAction = "Copy every part (NAME.001, NAME.002, …) completely into one directory, then repeat.",
        };
    }
}
