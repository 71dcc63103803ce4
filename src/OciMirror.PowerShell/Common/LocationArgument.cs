using System;
using System.Management.Automation;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Errors;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Common
{
    /// <summary>
    /// Resolves the PATH of an <c>oci:PATH[:NAME]</c> location against the PowerShell location (relative paths,
    /// PSDrives, <c>~</c>), because the engine resolves relative paths against the process directory, which
    /// PowerShell does not change. Registry references pass through unchanged.
    /// </summary>
    internal static class LocationArgument
    {
        /// <summary>The location with an absolute bundle path, or null with <paramref name="error"/> (malformed, or not on the FileSystem provider).</summary>
        public static string? Resolve(ICmdletSink sink, string text, string parameter, out OciErrorInfo? error)
        {
            error = null;
            ArtifactLocation location;
            try
            {
                location = ArtifactLocation.Parse(text);
            }
            catch (OciException e)
            {
                error = ErrorMapper.ForException(e, text);
                return null;
            }

            if (!location.IsBundle)
            {
                return location.Text;
            }

            string? path = sink.GetFileSystemPath(location.BundlePath!);
            if (path == null)
            {
                var notFileSystem = new ArgumentException($"The bundle path '{location.BundlePath}' of -{parameter} is not a file-system path.", parameter);
                error = new OciErrorInfo(notFileSystem, ErrorMapper.InvalidPathId, ErrorCategory.InvalidArgument, text, "Write a bundle as oci:PATH[:NAME] with PATH on a file-system drive.");
                return null;
            }

            return location.WithBundlePath(path).ToString();
        }
    }
}
