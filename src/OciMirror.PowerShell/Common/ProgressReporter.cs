using OciMirror.Core.Diagnostics;
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using OciMirror.Core.Operations;

namespace OciMirror.PowerShell.Common
{
    /// <summary>
    /// Turns engine <see cref="ProgressSnapshot"/>s into valid, throttled progress records: at most one
    /// update per <see cref="MinimumInterval"/> (the 5.1 console renders progress slowly), percent clamped
    /// to 0–100 or -1, activity and status never empty, and a Completed record for every activity id that
    /// was shown (<see cref="Complete"/>). Thread-safe; posts through the pump.
    /// </summary>
    internal sealed class ProgressReporter
    {
        /// <summary>Four updates a second at most.</summary>
        public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);

        private const int OperationActivityId = 0;

        private readonly CmdletPump _pump;
        private readonly string _defaultActivity;
        private readonly Func<TimeSpan> _clock;
        private readonly object _gate = new object();
        private readonly Dictionary<int, OciProgressInfo> _open = new Dictionary<int, OciProgressInfo>();
        private TimeSpan? _lastWrite;

        /// <param name="pump">Where records go.</param>
        /// <param name="defaultActivity">Activity shown when the engine gives none, for example "Export-OciArtifact".</param>
        /// <param name="clock">Monotonic time for throttling; null uses a <see cref="Stopwatch"/>.</param>
        public ProgressReporter(CmdletPump pump, string defaultActivity, Func<TimeSpan>? clock = null)
        {
            _pump = pump ?? throw new ArgumentNullException(nameof(pump));
            _defaultActivity = string.IsNullOrWhiteSpace(defaultActivity) ? "OciMirror" : defaultActivity;
            if (clock == null)
            {
                Stopwatch watch = Stopwatch.StartNew();
                clock = () => watch.Elapsed;
            }

            _clock = clock;
        }

        /// <summary>Shows <paramref name="snapshot"/> unless the last update is too recent; a completed snapshot is always shown.</summary>
        public void Report(ProgressSnapshot snapshot)
        {
            if (snapshot == null)
            {
                return;
            }

            if (snapshot.Completed)
            {
                Complete();
                return;
            }

            OciProgressInfo info;
            lock (_gate)
            {
                TimeSpan now = _clock();
                if (_lastWrite.HasValue && now - _lastWrite.Value < MinimumInterval)
                {
                    return;
                }

                _lastWrite = now;
                info = ToInfo(snapshot);
                _open[info.ActivityId] = info;
            }

            _pump.Post(sink => sink.WriteProgress(info));
        }

        /// <summary>Writes a Completed record for every activity still shown. Idempotent.</summary>
        public void Complete()
        {
            List<OciProgressInfo> done;
            lock (_gate)
            {
                done = new List<OciProgressInfo>(_open.Values);
                _open.Clear();
            }

            foreach (OciProgressInfo last in done)
            {
                var completed = new OciProgressInfo(last.ActivityId, last.Activity, "Completed", 100, completed: true);
                _pump.Post(sink => sink.WriteProgress(completed));
            }
        }

        private OciProgressInfo ToInfo(ProgressSnapshot snapshot)
        {
            string activity = string.IsNullOrWhiteSpace(snapshot.Activity) ? _defaultActivity : snapshot.Activity;
            string status = !string.IsNullOrWhiteSpace(snapshot.Status) ? snapshot.Status
                : snapshot.ArtifactsTotal > 0 ? string.Format(CultureInfo.InvariantCulture, "{0} of {1} artifacts", snapshot.ArtifactsDone, snapshot.ArtifactsTotal)
                : "Working";
            int percent = snapshot.PercentComplete;
            percent = percent < 0 ? -1 : Math.Min(100, percent);
            return new OciProgressInfo(OperationActivityId, activity, status, percent, completed: false)
            {
                CurrentOperation = snapshot.BytesTotal > 0 ? $"{ByteSize.Format(snapshot.BytesDone)} of {ByteSize.Format(snapshot.BytesTotal)}" : null,
            };
        }
    }
}
