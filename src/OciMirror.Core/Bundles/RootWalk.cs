using System.Collections.Generic;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;

namespace OciMirror.Core.Bundles
{
    /// <summary>What <see cref="BundleWalker"/> found under one root. Immutable once returned.</summary>
    internal sealed class RootWalk
    {
        public RootWalk(Descriptor root, ManifestInfo? rootInfo, long heldBytes, int heldNodes, IReadOnlyList<BlobProblem> problems, IReadOnlyList<Descriptor> absentChildren)
        {
            AbsentChildren = absentChildren;
            Root = root;
            RootInfo = rootInfo;
            HeldBytes = heldBytes;
            HeldNodes = heldNodes;
            Problems = problems;
        }

        public Descriptor Root { get; }

        /// <summary>The parsed root, or null when it is missing, bad or unreadable.</summary>
        public ManifestInfo? RootInfo { get; }

        /// <summary>The root's media type: what its bytes declare (as import pushes it), else index.json's; empty when unknown.</summary>
        public string MediaType => RootInfo?.MediaType ?? Root.MediaType;

        /// <summary>Sum of the stored sizes of the unique nodes under the root (root included) the bundle holds.</summary>
        public long HeldBytes { get; }

        public int HeldNodes { get; }

        /// <summary>Bad, missing, mis-sized or unreadable nodes the root depends on, each once.</summary>
        public IReadOnlyList<BlobProblem> Problems { get; }

        public bool IsComplete => Problems.Count == 0;

        /// <summary>Manifests a root index lists that the bundle does not hold while it holds others (a partial index, not damage).</summary>
        public IReadOnlyList<Descriptor> AbsentChildren { get; }

        /// <summary>True when the root's media type is not an image or index (<see cref="MediaTypes.IsUnderstoodRoot"/>): checked, not parsed.</summary>
        public bool IsOtherType { get; init; }

        /// <summary>True when such a root's blob is not in the bundle (not damage: nothing reads it).</summary>
        public bool IsAbsent { get; init; }
    }
}
