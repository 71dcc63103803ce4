using System.Collections.Generic;

namespace OciMirror.Core.Operations
{
    /// <summary>Totals of one operation; the per-artifact detail went to the observer.</summary>
    public sealed class OperationSummary
    {
        /// <summary>Totals of <paramref name="results"/>; <see cref="BytesCopied"/> is the sum of theirs.</summary>
        public OperationSummary(IReadOnlyList<ArtifactResult> results)
            : this(results, null)
        {
        }

        /// <summary>
        /// Totals of <paramref name="results"/>, with <paramref name="bytesTransferred"/> as <see cref="BytesCopied"/>:
        /// what the whole operation moved, counted once where it crossed the wire or reached the disk
        /// (failed artifacts and uploads that belong to no single artifact included).
        /// </summary>
        public OperationSummary(IReadOnlyList<ArtifactResult> results, long? bytesTransferred)
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

            if (bytesTransferred.HasValue)
            {
                BytesCopied = bytesTransferred.Value;
            }
        }

        public IReadOnlyList<ArtifactResult> Results { get; }

        public int Copied { get; }

        public int Skipped { get; }

        public int Declined { get; }

        public int Failed { get; }

        /// <summary>Bytes transferred by the operation (see the constructors).</summary>
        public long BytesCopied { get; }

        /// <summary>The staging repository a one-pass import uploaded blobs to (a foreign archive that does not say which repository each blob is for); null when none was used.</summary>
        public string? StagingRepository { get; init; }
    }
}
