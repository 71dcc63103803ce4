using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace OciMirror.PowerShell.Hosted.Tests.Support
{
    /// <summary>What one script run produced: output, the streams, and the terminating error if any.</summary>
    public sealed class ScriptRun
    {
        private ScriptRun(IReadOnlyList<PSObject> output, PSDataStreams streams, RuntimeException? terminating)
        {
            Output = output;
            Errors = streams.Error.ToList();
            Verbose = streams.Verbose.Select(v => v.Message).ToList();
            Warnings = streams.Warning.Select(v => v.Message).ToList();
            Progress = streams.Progress.ToList();
            Terminating = terminating;
        }

        public IReadOnlyList<PSObject> Output { get; }

        public IReadOnlyList<ErrorRecord> Errors { get; }

        public IReadOnlyList<string> Verbose { get; }

        public IReadOnlyList<string> Warnings { get; }

        public IReadOnlyList<ProgressRecord> Progress { get; }

        /// <summary>The terminating error that ended the script, or null.</summary>
        public RuntimeException? Terminating { get; }

        /// <summary>The ErrorRecord of the terminating error.</summary>
        public ErrorRecord TerminatingRecord => Terminating?.ErrorRecord ?? throw new InvalidOperationException("The script did not stop with a terminating error.");

        /// <summary>Property <paramref name="name"/> of every output object, as strings.</summary>
        public IEnumerable<string?> Property(string name) => Output.Select(o => o.Properties[name]?.Value?.ToString());

        public static ScriptRun Invoke(System.Management.Automation.PowerShell ps, object[] input)
        {
            // An output collection keeps what was written before a terminating error (Invoke() would lose it).
            using var output = new PSDataCollection<PSObject>();
            RuntimeException? terminating = null;
            try
            {
                ps.Invoke(input.Length == 0 ? null : input, output);
            }
            catch (RuntimeException e)
            {
                terminating = e;
            }

            return new ScriptRun(output.ToList(), ps.Streams, terminating);
        }

        public override string ToString() =>
            "output: " + string.Join(", ", Output) + "\nerrors: " + string.Join("\n", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)) + "\nterminating: " + Terminating;
    }
}
