using System;
using System.Management.Automation;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Common
{
    /// <summary>
    /// Resolves the -Path of the cmdlets that read a bundle (Import-OciArtifact, Get-OciBundle,
    /// Test-OciBundle): a PowerShell path (relative, PSDrive, <c>~</c>, no wildcards) to an existing file or
    /// directory on the FileSystem provider, or the bare name of split volumes (NAME.001 exists). Whether it
    /// is a directory, a .tar, a compressed tar or a split set is the engine's business (it looks at the content).
    /// </summary>
    internal static class BundlePath
    {
        /// <summary>The file-system path, or null with <paramref name="error"/> saying why (OciInvalidPath, OciPathNotFound).</summary>
        public static string? Resolve(ICmdletSink sink, string path, out OciErrorInfo? error)
        {
            string? resolved = sink.GetFileSystemPath(path);
            if (resolved == null)
            {
                var notFileSystem = new ArgumentException($"The bundle path '{path}' is not a file-system path.", nameof(path));
                error = new OciErrorInfo(notFileSystem, ErrorMapper.InvalidPathId, ErrorCategory.InvalidArgument, path,
                    "Pass a bundle directory, .tar, .tgz or .tar.zst file on a file-system drive.");
                return null;
            }

            if (!sink.PathExists(resolved) && !Core.Volumes.SplitVolumeSet.Exists(resolved))
            {
                var missing = new ItemNotFoundException($"Cannot find the bundle '{resolved}' because it does not exist.");
                error = new OciErrorInfo(missing, ErrorMapper.PathNotFoundId, ErrorCategory.ObjectNotFound, path,
                    "Check the path of the bundle (a directory, .tar, .tgz, .tar.zst or the first part of split volumes, written by Export-OciArtifact or another OCI tool).");
                return null;
            }

            error = null;
            return resolved;
        }
    }
}
