using System.Management.Automation;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Common
{
    /// <summary>
    /// Everything a cmdlet of this module asks of the PowerShell runtime, in one small interface: the seam
    /// between cmdlet logic and <see cref="PSCmdlet"/> (DESIGN §10). The default implementation,
    /// <see cref="PSCmdletSink"/>, forwards to the real cmdlet methods; tests replace it, because the
    /// PowerShellStandard reference assembly loaded in a test process does nothing in its <c>Write*</c>
    /// methods and stores nothing in <see cref="ErrorRecord"/> or <see cref="ProgressRecord"/>. That is also
    /// why errors and progress cross the seam as <see cref="OciErrorInfo"/> and <see cref="OciProgressInfo"/>
    /// rather than as PowerShell records.
    /// </summary>
    /// <remarks>
    /// Every member is called on the pipeline thread only: <see cref="CmdletPump"/> marshals calls made by
    /// the engine's threads. Members may throw what the PowerShell runtime throws there
    /// (<see cref="PipelineStoppedException"/>, <c>ActionPreferenceStopException</c> under
    /// <c>-ErrorAction Stop</c>); callers let those propagate.
    /// </remarks>
    internal interface ICmdletSink
    {
        /// <summary>Writes one output object.</summary>
        void WriteObject(object value);

        /// <summary>Writes a non-terminating error.</summary>
        void WriteError(OciErrorInfo error);

        /// <summary>Throws the terminating error; never returns normally.</summary>
        void ThrowTerminatingError(OciErrorInfo error);

        void WriteVerbose(string message);

        void WriteDebug(string message);

        void WriteWarning(string message);

        void WriteProgress(OciProgressInfo progress);

        /// <summary><see cref="Cmdlet.ShouldProcess(string, string)"/>: prints the -WhatIf line or prompts for -Confirm.</summary>
        bool ShouldProcess(string target, string action);

        /// <summary>
        /// Resolves a PowerShell path (relative to the current location, a PSDrive, <c>~</c>, no wildcards)
        /// to a file-system path that need not exist yet. Returns null when the path is not on the
        /// FileSystem provider.
        /// </summary>
        string? GetFileSystemPath(string path);

        /// <summary>True when <paramref name="fileSystemPath"/> (already resolved) names an existing file or directory.</summary>
        bool PathExists(string fileSystemPath);
    }
}
