using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Files;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;

namespace OciMirror.Core.Artifacts
{
    /// <summary>
    /// What is already where a pull writes its files, examined before anything is written (<see cref="ExistingFiles"/>):
    /// a file with the layer's digest is current (not downloaded); one with other content is a conflict, and the pull
    /// writes nothing unless <see cref="PullRequest.Overwrite"/>; a link, a named pipe, a device or a socket in the
    /// way is refused always. A directory layer's files are compared once the layer is downloaded and verified,
    /// before it is moved into place (<see cref="DirectoryLayerExtractor"/>).
    /// </summary>
    internal static class PullTargets
    {
        /// <summary>The titles whose file is already current.</summary>
        /// <exception cref="OciException">UnsafePath for something in the way; InvalidDestination for conflicts without overwrite.</exception>
        public static async Task<ISet<string>> CheckAsync(IReadOnlyList<(Descriptor Layer, string Title, bool Unpack)> layers, string output, bool overwrite, CancellationToken cancellationToken)
        {
            var current = new HashSet<string>(StringComparer.Ordinal);
            var conflicts = new List<string>();
            foreach (var (layer, title, unpack) in layers)
            {
                string target = FileTitles.Below(output, title, title);
                FileType type = ExistingFiles.TypeOf(target);
                if (type == FileType.Missing || (unpack && type == FileType.Directory))
                {
                    continue;
                }

                if (unpack || type != FileType.Regular)
                {
                    throw ExistingFiles.InTheWay(target, type, unpack, title);
                }

                if (await FileLayerWriter.IsCurrentAsync(target, layer, cancellationToken).ConfigureAwait(false))
                {
                    current.Add(title);
                }
                else if (!overwrite)
                {
                    conflicts.Add(target);
                }
            }

            return conflicts.Count > 0 ? throw ExistingFiles.Conflict(conflicts) : current;
        }
    }
}
