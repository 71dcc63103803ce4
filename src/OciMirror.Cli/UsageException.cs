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

        /// <summary>A usage error for an engine error about an argument (a malformed platform, file or location): its message and recommended action.</summary>
        public static UsageException From(Core.Errors.OciException error) =>
            new UsageException(error.Message + (error.RecommendedAction == null ? string.Empty : " " + error.RecommendedAction));
    }
}
