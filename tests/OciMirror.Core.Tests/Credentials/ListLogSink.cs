using System.Collections.Generic;
using OciMirror.Core.Diagnostics;

namespace OciMirror.Core.Tests.Credentials
{
    public sealed class ListLogSink : ILogSink
    {
        public List<string> Messages { get; } = new List<string>();

        public void Log(LogLevel level, string message)
        {
            lock (Messages)
            {
                Messages.Add(level + ": " + message);
            }
        }

        public string All => string.Join("\n", Messages);
    }
}
