using System;

namespace OciMirror.HelpBuilder
{
    /// <summary>A page that does not follow the platyPS schema; the message names the file and line.</summary>
    internal sealed class HelpFormatException : Exception
    {
        public HelpFormatException(string file, int line, string message)
            : base($"{file}:{line}: {message}")
        {
        }
    }
}
