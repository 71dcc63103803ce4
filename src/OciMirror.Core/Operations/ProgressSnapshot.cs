namespace OciMirror.Core.Operations
{
    /// <summary>A point-in-time view of an operation's progress. Immutable.</summary>
    public sealed class ProgressSnapshot
    {
        public ProgressSnapshot(string activity, string status, long bytesDone, long bytesTotal, int artifactsDone, int artifactsTotal, bool completed)
        {
            Activity = activity;
            Status = status;
            BytesDone = bytesDone;
            BytesTotal = bytesTotal;
            ArtifactsDone = artifactsDone;
            ArtifactsTotal = artifactsTotal;
            Completed = completed;
        }

        /// <summary>What the operation is, for example "Exporting 12 artifacts to E:\bundle".</summary>
        public string Activity { get; }

        /// <summary>What is happening now, for example the reference being copied.</summary>
        public string Status { get; }

        /// <summary>Bytes transferred so far.</summary>
        public long BytesDone { get; }

        /// <summary>Bytes known to transfer so far, or -1 when unknown. Grows as manifests are read.</summary>
        public long BytesTotal { get; }

        public int ArtifactsDone { get; }

        public int ArtifactsTotal { get; }

        /// <summary>True on the last snapshot of an operation.</summary>
        public bool Completed { get; }

        /// <summary>0–100, or -1 when unknown. Always clamped.</summary>
        public int PercentComplete
        {
            get
            {
                if (BytesTotal > 0)
                {
                    long pct = BytesDone * 100 / BytesTotal;
                    return (int)(pct < 0 ? 0 : pct > 100 ? 100 : pct);
                }

                return ArtifactsTotal > 0 ? System.Math.Min(100, ArtifactsDone * 100 / ArtifactsTotal) : -1;
            }
        }
    }
}
