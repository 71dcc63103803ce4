using System;

namespace OciMirror.Cli
{
    /// <summary>A command-line usage error found after parsing (for example an unreadable --from-file); exit code 2.</summary>
    internal sealed class UsageException : Exception
    {
        public UsageException(string message)
            : base(message)
        {
        }
    }
}
