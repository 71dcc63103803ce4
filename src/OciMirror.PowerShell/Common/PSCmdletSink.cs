using System.Management.Automation;
using OciMirror.Core.Diagnostics;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Common
{
    /// <summary>
    /// The production <see cref="ICmdletSink"/>: forwards each call to the real <see cref="PSCmdlet"/>. Every
    /// message is escaped for the terminal on the way (<see cref="TerminalText"/>): it may quote a name read
    /// from a bundle or a registry. Output objects are data and stay as they are.
    /// </summary>
    internal sealed class PSCmdletSink : ICmdletSink
    {
        private readonly PSCmdlet _cmdlet;

        public PSCmdletSink(PSCmdlet cmdlet)
        {
            _cmdlet = cmdlet;
        }

        public void WriteObject(object value) => _cmdlet.WriteObject(value);

        public void WriteError(OciErrorInfo error) => _cmdlet.WriteError(error.ToErrorRecord());

        public void ThrowTerminatingError(OciErrorInfo error) => _cmdlet.ThrowTerminatingError(error.ToErrorRecord());

        public void WriteVerbose(string message) => _cmdlet.WriteVerbose(TerminalText.Escape(message));

        public void WriteDebug(string message) => _cmdlet.WriteDebug(TerminalText.Escape(message));

        public void WriteWarning(string message) => _cmdlet.WriteWarning(TerminalText.Escape(message));

        public void WriteProgress(OciProgressInfo progress) => _cmdlet.WriteProgress(progress.ToProgressRecord());

        public bool ShouldProcess(string target, string action) => _cmdlet.ShouldProcess(target, action);

        public string? GetFileSystemPath(string path)
        {
            // Unresolved: the bundle may not exist yet, and a literal path must not be wildcard-expanded.
            string resolved;
            ProviderInfo provider;
            try
            {
                resolved = _cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
            }
            catch (System.Management.Automation.DriveNotFoundException)
            {
                // "127.0.0.1:5000/mirror" or "localhost:5000" read as a drive that does not exist: not a file-system path.
                return null;
            }
            catch (ProviderNotFoundException)
            {
                return null;
            }

            return provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider) ? resolved : null;
        }

        public bool PathExists(string fileSystemPath) =>
            // Provider-qualified, so the answer does not depend on the current location's provider.
            _cmdlet.InvokeProvider.Item.Exists(@"Microsoft.PowerShell.Core\FileSystem::" + fileSystemPath, force: true, literalPath: true);
    }
}
