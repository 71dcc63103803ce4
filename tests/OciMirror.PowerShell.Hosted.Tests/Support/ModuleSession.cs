using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace OciMirror.PowerShell.Hosted.Tests.Support
{
    /// <summary>
    /// A PowerShell 7.6 runspace (Microsoft.PowerShell.SDK) with the staged module imported from its
    /// manifest, as a user imports it. One per test class; scripts run one after the other.
    /// </summary>
    public sealed class ModuleSession : IDisposable
    {
        public ModuleSession()
        {
            InitialSessionState state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { ManifestPath });
            state.ThrowOnRunspaceOpenError = true;
            Runspace = RunspaceFactory.CreateRunspace(state);
            Runspace.Open();
        }

        /// <summary>The staged module's OciMirror.psd1 (src/OciMirror.PowerShell/bin/&lt;Configuration&gt;/netstandard2.0/OciMirror).</summary>
        public static string ManifestPath { get; } = typeof(ModuleSession).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "StagedModule").Value!;

        public Runspace Runspace { get; }

        /// <summary>Runs <paramref name="script"/> with <paramref name="input"/> piped to it (<c>$input</c>); never throws for the script's own errors.</summary>
        public ScriptRun Run(string script, params object[] input)
        {
            using System.Management.Automation.PowerShell ps = Create(script);
            return ScriptRun.Invoke(ps, input);
        }

        /// <summary>
        /// Runs one command (not a script, where a terminating error only ends its statement): a terminating
        /// error ends the run and is in <see cref="ScriptRun.Terminating"/>.
        /// </summary>
        public ScriptRun RunCommand(string command, System.Collections.IDictionary parameters)
        {
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = Runspace;
            ps.AddCommand(command).AddParameters(parameters);
            return ScriptRun.Invoke(ps, Array.Empty<object>());
        }

        /// <summary>A PowerShell instance over this runspace with <paramref name="script"/> added; the caller invokes and disposes it.</summary>
        public System.Management.Automation.PowerShell Create(string script)
        {
            var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = Runspace;
            ps.AddScript(script);
            return ps;
        }

        public void Dispose() => Runspace.Dispose();
    }
}
