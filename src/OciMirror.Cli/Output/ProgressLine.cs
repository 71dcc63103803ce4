using OciMirror.Core.Diagnostics;
using System;
using System.Diagnostics;
using System.Globalization;
using OciMirror.Core.Operations;

namespace OciMirror.Cli.Output
{
    /// <summary>
    /// A single self-overwriting progress line on a terminal's stderr, redrawn at most four times a
    /// second. Not thread-safe: the observer serialises calls.
    /// </summary>
    internal sealed class ProgressLine
    {
        private const int MaxWidth = 100;
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _lastDraw = TimeSpan.MinValue;
        private int _drawnWidth;

        /// <summary>Draws <paramref name="snapshot"/> if enough time has passed; a completed snapshot clears the line.</summary>
        public void Update(System.IO.TextWriter error, ProgressSnapshot snapshot)
        {
            if (snapshot.Completed)
            {
                Clear(error);
                return;
            }

            TimeSpan now = _clock.Elapsed;
            if (_lastDraw != TimeSpan.MinValue && now - _lastDraw < Interval)
            {
                return;
            }

            _lastDraw = now;
            string text = TerminalText.Escape(Render(snapshot));
            if (text.Length > MaxWidth)
            {
                text = text.Substring(0, MaxWidth);
            }

            string pad = _drawnWidth > text.Length ? new string(' ', _drawnWidth - text.Length) : string.Empty;
            error.Write("\r" + text + pad);
            error.Flush();
            _drawnWidth = text.Length;
        }

        /// <summary>Erases the line so that a normal line can be written.</summary>
        public void Clear(System.IO.TextWriter error)
        {
            if (_drawnWidth == 0)
            {
                return;
            }

            error.Write("\r" + new string(' ', _drawnWidth) + "\r");
            error.Flush();
            _drawnWidth = 0;
        }

        private static string Render(ProgressSnapshot s)
        {
            int pct = s.PercentComplete;
            string percent = pct < 0 ? "  ?%" : pct.ToString(CultureInfo.InvariantCulture).PadLeft(3) + "%";
            string bytes = s.BytesTotal > 0 ? $"{ByteSize.Format(s.BytesDone)}/{ByteSize.Format(s.BytesTotal)}" : ByteSize.Format(s.BytesDone);
            return $"[{percent}] {s.ArtifactsDone}/{s.ArtifactsTotal} artifacts, {bytes}  {s.Status}";
        }
    }
}
