using System.Collections.Generic;
using System.Linq;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;

namespace OciMirror.Core.Bundles
{
    /// <summary>
    /// Walks the graph under a root of a scanned bundle, in memory: sums what the bundle holds (listing),
    /// and finds every node that is missing, has the wrong size, bad bytes, or cannot be parsed
    /// (verification, and the completeness check of a stream import before anything is tagged).
    /// </summary>
    internal static class BundleWalker
    {
        public static RootWalk Walk(BundleScan scan, Descriptor root, string rootLocation)
        {
            var visited = new HashSet<Digest>();
            var problems = new List<BlobProblem>();
            var absentChildren = new List<Descriptor>();
            var stack = new Stack<(Descriptor Node, bool IsRoot, string Parent)>();
            ManifestInfo? rootInfo = null;
            long held = 0;
            int nodes = 0;
            bool otherType = !MediaTypes.IsUnderstoodRoot(root.MediaType);
            bool absent = false;
            stack.Push((root, true, rootLocation));
            while (stack.Count > 0)
            {
                (Descriptor node, bool isRoot, string parent) = stack.Pop();
                if (!visited.Add(node.Digest))
                {
                    continue;
                }

                if (!scan.Blobs.TryGetValue(node.Digest, out BlobRecord? record))
                {
                    if (isRoot && otherType)
                    {
                        absent = true; // content of a type OciMirror does not read: its absence is not damage
                        continue;
                    }

                    string why = scan.StreamError != null ? $" (reading stopped early: {scan.StreamError.Message})" : string.Empty;
                    problems.Add(new BlobProblem(node.Digest.ToString(), BlobProblemKind.Missing, parent, $"Blob {node.Digest} ({Describe(node)}), referred to by '{parent}', is not in bundle '{scan.BundleName}'{why}."));
                    continue;
                }

                held += record.Size;
                nodes++;
                if (record.IsBad)
                {
                    problems.Add(record.ToProblem());
                    continue;
                }

                if (record.Size != node.Size)
                {
                    problems.Add(new BlobProblem(node.Digest.ToString(), BlobProblemKind.SizeMismatch, record.Location, $"Blob '{record.Location}' holds {record.Size} bytes, but '{parent}' declares {node.Size}."));
                    continue;
                }

                if ((!isRoot && !MediaTypes.IsManifestOrIndex(node.MediaType)) || otherType)
                {
                    continue; // a blob, or a root of another type: digest and size checked, never parsed
                }

                ManifestInfo? info = Parse(scan, node, record, problems);
                if (info == null)
                {
                    continue;
                }

                IReadOnlyList<Descriptor> children = info.Children;
                if (isRoot)
                {
                    rootInfo = info;
                    children = WithoutAbsentPlatforms(scan, info, absentChildren);
                }

                for (int i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push((children[i], false, record.Location));
                }
            }

            return new RootWalk(root, rootInfo, held, nodes, problems, absentChildren) { IsOtherType = otherType, IsAbsent = absent };
        }

        /// <summary>
        /// The children of a root index to walk: an index of which the bundle holds some manifests but not
        /// others (Docker 25+ docker save) is partial, not damaged; the absent ones go to <paramref name="absent"/>
        /// (Copy.PartialIndex decides what import does with it). An index that holds none of them is walked whole.
        /// </summary>
        private static IReadOnlyList<Descriptor> WithoutAbsentPlatforms(BundleScan scan, ManifestInfo info, List<Descriptor> absent)
        {
            if (!info.IsIndex)
            {
                return info.Children;
            }

            var present = info.Children.Where(c => scan.Blobs.ContainsKey(c.Digest)).ToList();
            if (present.Count == 0 || present.Count == info.Children.Count)
            {
                return info.Children;
            }

            absent.AddRange(info.Children.Where(c => !scan.Blobs.ContainsKey(c.Digest)));
            return present;
        }

        private static ManifestInfo? Parse(BundleScan scan, Descriptor node, BlobRecord record, List<BlobProblem> problems)
        {
            string? why = null;
            if (scan.Manifests.TryGetValue(node.Digest, out byte[]? content))
            {
                try
                {
                    return ManifestInfo.Parse(node, content);
                }
                catch (OciException e)
                {
                    why = e.Message;
                }
            }
            else if (record.Size > OciLimits.MaxManifestBytes)
            {
                why = $"it is {record.Size} bytes, over the {OciLimits.MaxManifestBytes}-byte limit for manifests";
            }
            else if (scan.ManifestBudgetExceeded)
            {
                why = "it was not kept in memory: the bundle's manifests exceed the memory budget of a one-pass read";
            }
            else
            {
                why = $"it is not a manifest or index this tool can read, though it is referred to as one ({Describe(node)})";
            }

            problems.Add(new BlobProblem(node.Digest.ToString(), BlobProblemKind.Unreadable, record.Location, $"Manifest '{record.Location}' cannot be read: {why.TrimEnd('.')}."));
            return null;
        }

        private static string Describe(Descriptor node) =>
            (node.MediaType.Length == 0 ? "no media type" : node.MediaType) + ", " + node.Size + " bytes";
    }
}
