using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;

namespace OciMirror.Core.Bundles
{
    /// <summary>Checks the oci-layout and index.json a pass read, the same way for every kind of bundle.</summary>
    internal static class ScannedLayout
    {
        /// <summary>How a file of the layout is named in messages: the file itself for a directory, <c>archive!name</c> for an archive.</summary>
        public static string FileName(BundleScan scan, string file) =>
            scan.IsArchive ? scan.BundleName + "!" + file : System.IO.Path.Combine(scan.BundleName, file);

        /// <summary>
        /// The parsed index, or null (lenient mode: the problems are recorded). oci-layout must be present
        /// with a 1.x version and index.json must be an image index. A bundle read to its end without any
        /// oci-layout is not a bundle at all: that throws in both modes (<see cref="NotABundle"/>), so verify,
        /// ls and import say the same thing. Skipped archive entries are reported once: a warning (strict)
        /// or one layout problem (lenient).
        /// </summary>
        /// <exception cref="OciException">InvalidLayout: not a bundle; naming the bundle and file, in strict mode.</exception>
        public static LayoutIndex? ReadIndex(BundleScan scan)
        {
            if (!scan.HasMarker && scan.StreamError == null)
            {
                throw scan.IsArchive ? NotABundle.ForArchive(scan.BundleName, scan.Skipped) : NotABundle.ForDirectory(scan.BundleName);
            }

            ReportSkipped(scan);
            if (scan.Marker == null)
            {
                if (!scan.HasMarker)
                {
                    scan.Problem(Missing(scan, LayoutPaths.LayoutFileName, "it is not a complete OCI layout"));
                }
            }
            else
            {
                Try(scan, () => LayoutMarker.Check(FileName(scan, LayoutPaths.LayoutFileName), scan.Marker));
            }

            if (scan.Index == null)
            {
                if (!scan.HasIndex || !scan.Lenient)
                {
                    scan.Problem(Missing(scan, LayoutPaths.IndexFileName, "it is not a complete OCI layout"));
                }

                return null;
            }

            LayoutIndex? index = null;
            Try(scan, () => index = LayoutIndex.Parse(scan.Index, FileName(scan, LayoutPaths.IndexFileName)));
            return index;
        }

        private static void ReportSkipped(BundleScan scan)
        {
            if (!scan.Lenient)
            {
                TarLayoutIndexer.ReportSkipped(scan.BundleName, scan.Skipped, scan.Log);
            }
            else if (scan.Skipped.Describe(scan.BundleName) is string summary)
            {
                scan.Problems.Add(summary);
            }
        }

        private static void Try(BundleScan scan, System.Action check)
        {
            try
            {
                check();
            }
            catch (OciException e) when (scan.Lenient)
            {
                scan.Problems.Add(e.Message);
            }
        }

        private static OciException Missing(BundleScan scan, string file, string what)
        {
            string why = scan.StreamError != null ? " (reading stopped early)" : string.Empty;
            return scan.IsArchive
                ? ArchiveErrors.Invalid(scan.BundleName, $"{what}: it has no '{file}' entry{why}.")
                : new OciException(OciErrorKind.InvalidLayout, $"Layout '{scan.BundleName}' is not complete: it has no {file} file.") { Path = scan.BundleName };
        }
    }
}
