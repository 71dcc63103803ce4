using System.Collections.Generic;

namespace OciMirror.Core.Operations
{
    /// <summary>Totals of one operation; the per-artifact detail went to the observer.</summary>
    public sealed class OperationSummary
    {
        public OperationSummary(IReadOnlyList<ArtifactResult> results)
        {
            Results = results;
            foreach (ArtifactResult r in results)
            {
                switch (r.Status)
                {
                    case ArtifactStatus.Copied: Copied++; break;
                    case ArtifactStatus.Skipped: Skipped++; break;
                    case ArtifactStatus.Declined: Declined++; break;
                    default: Failed++; break;
                }

                BytesCopied += r.BytesCopied;
            }
        }

        public IReadOnlyList<ArtifactResult> Results { get; }

        public int Copied { get; }

        public int Skipped { get; }

        public int Declined { get; }

        public int Failed { get; }

        public long BytesCopied { get; }
    }
}
