using System;
using System.Collections.Generic;
using OciMirror.Core.Model;

namespace OciMirror.Core.Copy
{
    /// <summary>
    /// The graph under a root and what a destination lacks of it, computed by
    /// <see cref="CopySession.PlanAsync"/> before anything is written (for ShouldProcess and -WhatIf). Immutable.
    /// </summary>
    public sealed class CopyPlan
    {
        public CopyPlan(Descriptor root, ManifestInfo rootInfo, int totalNodes, long totalBytes, int missingNodes, long missingBytes)
        {
            Root = root ?? throw new ArgumentNullException(nameof(root));
            RootInfo = rootInfo ?? throw new ArgumentNullException(nameof(rootInfo));
            TotalNodes = totalNodes;
            TotalBytes = totalBytes;
            MissingNodes = missingNodes;
            MissingBytes = missingBytes;
        }

        public Descriptor Root { get; }

        /// <summary>The parsed root manifest or index (media type, artifact type, platforms).</summary>
        public ManifestInfo RootInfo { get; }

        /// <summary>Unique nodes (root, manifests, configs, layers, subjects) of the graph.</summary>
        public int TotalNodes { get; }

        /// <summary>Sum of the sizes of the unique nodes.</summary>
        public long TotalBytes { get; }

        /// <summary>Nodes the destination does not have.</summary>
        public int MissingNodes { get; }

        /// <summary>Sum of the sizes of the missing nodes: what a copy will transfer at most.</summary>
        public long MissingBytes { get; }

        /// <summary>The platforms of the root index entries as <c>os/arch[/variant]</c>; empty for a manifest.</summary>
        public IReadOnlyList<string> Platforms
        {
            get
            {
                var list = new List<string>(RootInfo.Platforms.Count);
                foreach (Platform p in RootInfo.Platforms)
                {
                    list.Add(p.ToString());
                }

                return list;
            }
        }
    }
}
