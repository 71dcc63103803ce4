using System;
using System.IO;
using System.Linq;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// The one error for a path that is not a bundle at all (no <c>oci-layout</c>), used alike by verify, ls
    /// and import so that all three exit 2 with the same message: what the path looks like (a classic
    /// <c>docker save</c>, a layout packed inside a folder, a layout one directory down, a directory with
    /// index.json only) and what to do. A bundle that has <c>oci-layout</c> but is broken is damaged, not this.
    /// </summary>
    internal static class NotABundle
    {
        /// <summary>Entries of a directory looked at for clues (names only, nothing is read).</summary>
        private const int MaxEntriesInspected = 1000;

        private const string GenericAction = "Point at a bundle: a directory holding an OCI image layout (oci-layout, index.json, blobs/), or a .tar/.tgz of one.";

        /// <summary>An archive read to its end without an <c>oci-layout</c> entry; <paramref name="skipped"/> holds the clues.</summary>
        public static OciException ForArchive(string archive, SkippedEntries skipped)
        {
            if (skipped.LooksLikeClassicDockerSave)
            {
                return Error(
                    archive,
                    $"'{archive}' is a classic 'docker save' archive (manifest.json with <id>/layer.tar files), not an OCI image layout: it has no oci-layout entry.",
                    "Load it with 'docker load' and push the image to a registry to export it from there, or save it again with Docker 25 or later, whose 'docker save' writes an OCI image layout.");
            }

            if (skipped.NestedLayoutFolder != null)
            {
                string folder = skipped.NestedLayoutFolder;
                return Error(
                    archive,
                    $"'{archive}' holds an OCI image layout inside the folder '{folder}/' instead of at its root: its entries are '{folder}/oci-layout', '{folder}/index.json', '{folder}/blobs/…'.",
                    $"Extract it and point at the '{folder}' directory, or pack the folder's contents instead of the folder: tar -xf ARCHIVE && tar -cf NEW.tar -C {folder} .");
            }

            return Error(archive, $"'{archive}' is a tar archive but not an OCI image layout: it has no oci-layout entry.", GenericAction);
        }

        /// <summary>An existing directory without an <c>oci-layout</c> file, looked at (names only) for clues.</summary>
        public static OciException ForDirectory(string directory)
        {
            string[] names;
            try
            {
                names = Directory.EnumerateFileSystemEntries(directory).Take(MaxEntriesInspected).Select(Path.GetFileName).ToArray()!;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return new OciException(OciErrorKind.InvalidLayout, $"Cannot read layout '{directory}': {e.Message}", e) { Path = directory, RecommendedAction = GenericAction };
            }

            string head = $"'{directory}' is not an OCI image layout: it has no {LayoutPaths.LayoutFileName} file";
            if (names.Length == 0)
            {
                return Error(directory, $"'{directory}' is not an OCI image layout: it is an empty directory.", GenericAction);
            }

            if (names.Contains("manifest.json") && names.Any(n => File.Exists(Path.Combine(directory, n, "layer.tar"))))
            {
                return Error(
                    directory,
                    head + "; it looks like an extracted classic 'docker save' archive (manifest.json with <id>/layer.tar).",
                    "Load the image with 'docker load' and push it to a registry to export it from there, or save it again with Docker 25 or later, whose 'docker save' writes an OCI image layout.");
            }

            string? nested = names.FirstOrDefault(n => File.Exists(Path.Combine(directory, n, LayoutPaths.LayoutFileName)));
            if (nested != null)
            {
                string inner = Path.Combine(directory, nested);
                return Error(directory, head + $"; the layout is one level down, in '{inner}'.", $"Point at '{inner}'.");
            }

            if (names.Contains(LayoutPaths.IndexFileName))
            {
                return Error(
                    directory,
                    head + $", only {LayoutPaths.IndexFileName}.",
                    $"If it was written by a tool that leaves the marker out, add it: a file '{LayoutPaths.LayoutFileName}' holding {{\"imageLayoutVersion\":\"1.0.0\"}}; otherwise point at the bundle itself.");
            }

            return Error(directory, head + ".", GenericAction);
        }

        private static OciException Error(string path, string message, string action) =>
            new OciException(OciErrorKind.InvalidLayout, message) { Path = path, RecommendedAction = action };
    }
}
