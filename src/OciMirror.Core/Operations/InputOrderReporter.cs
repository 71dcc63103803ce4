using System;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Hands results of a batch to the observer in input order, however the artifacts finish (DESIGN §8:
    /// output order is deterministic, so the PowerShell pipeline and the CLI's JSON lines list the
    /// references as they were given). A result waits only for the results before it: output still
    /// streams. Thread-safe; the observer is called under a lock, one result at a time.
    /// </summary>
    internal sealed class InputOrderReporter
    {
        private readonly object _gate = new object();
        private readonly ArtifactResult?[] _held;
        private readonly Action<ArtifactResult> _report;
        private int _next;

        /// <param name="count">The number of inputs of the batch.</param>
        /// <param name="report">Called once per result, in input order.</param>
        public InputOrderReporter(int count, Action<ArtifactResult> report)
        {
            _held = new ArtifactResult?[count];
            _report = report ?? throw new ArgumentNullException(nameof(report));
        }

        /// <summary>Records the result of input <paramref name="index"/> and reports every result now in sequence.</summary>
        public void Complete(int index, ArtifactResult result)
        {
            lock (_gate)
            {
                _held[index] = result ?? throw new ArgumentNullException(nameof(result));
                while (_next < _held.Length && _held[_next] != null)
                {
                    Report(_next++);
                }
            }
        }

        /// <summary>
        /// Reports the results still held back, in input order, skipping inputs that never finished: a
        /// cancelled batch still reports every artifact that finished.
        /// </summary>
        public void Flush()
        {
            lock (_gate)
            {
                for (; _next < _held.Length; _next++)
                {
                    if (_held[_next] != null)
                    {
                        Report(_next);
                    }
                }
            }
        }

        private void Report(int index)
        {
            ArtifactResult result = _held[index]!;
            _held[index] = null;
            _report(result);
        }
    }
}
