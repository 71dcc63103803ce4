using System;
using System.Collections.Generic;
using OciMirror.PowerShell.Common;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Tests.TestSupport
{
    /// <summary>Records every call the cmdlet makes through the seam, with the thread it was made on.</summary>
    internal sealed class FakeSink : ICmdletSink
    {
        private readonly object _gate = new object();

        public List<string> Events { get; } = new List<string>();

        public List<object> Objects { get; } = new List<object>();

        public List<OciErrorInfo> Errors { get; } = new List<OciErrorInfo>();

        public List<string> Verbose { get; } = new List<string>();

        public List<string> Debug { get; } = new List<string>();

        public List<string> Warnings { get; } = new List<string>();

        public List<OciProgressInfo> Progress { get; } = new List<OciProgressInfo>();

        public List<(string Target, string Action)> ShouldProcessCalls { get; } = new List<(string, string)>();

        /// <summary>Managed thread id of every call, in order.</summary>
        public List<int> ThreadIds { get; } = new List<int>();

        public Func<string, string, bool> ShouldProcessAnswer { get; set; } = (_, _) => true;

        /// <summary>Thrown from WriteError when set (what -ErrorAction Stop does).</summary>
        public Exception? WriteErrorThrows { get; set; }

        /// <summary>Maps a PowerShell path to a file-system path; null means "not the FileSystem provider".</summary>
        public Func<string, string?> ResolvePath { get; set; } = path => "/fs/" + path.TrimStart('/');

        public HashSet<string> ExistingPaths { get; } = new HashSet<string>();

        public void WriteObject(object value) => Record("object", () => Objects.Add(value));

        public void WriteError(OciErrorInfo error)
        {
            Record("error:" + error.ErrorId, () => Errors.Add(error));
            if (WriteErrorThrows != null)
            {
                throw WriteErrorThrows;
            }
        }

        public void ThrowTerminatingError(OciErrorInfo error)
        {
            Record("terminating:" + error.ErrorId, () => { });
            throw new TerminatingErrorException(error);
        }

        public void WriteVerbose(string message) => Record("verbose", () => Verbose.Add(message));

        public void WriteDebug(string message) => Record("debug", () => Debug.Add(message));

        public void WriteWarning(string message) => Record("warning", () => Warnings.Add(message));

        public void WriteProgress(OciProgressInfo progress) => Record(progress.Completed ? "progress-completed" : "progress", () => Progress.Add(progress));

        public bool ShouldProcess(string target, string action)
        {
            Record("shouldprocess", () => ShouldProcessCalls.Add((target, action)));
            return ShouldProcessAnswer(target, action);
        }

        public string? GetFileSystemPath(string path)
        {
            Record("resolve", () => { });
            return ResolvePath(path);
        }

        public bool PathExists(string fileSystemPath) => ExistingPaths.Contains(fileSystemPath);

        private void Record(string name, Action add)
        {
            lock (_gate)
            {
                Events.Add(name);
                ThreadIds.Add(Environment.CurrentManagedThreadId);
                add();
            }
        }
    }
}
