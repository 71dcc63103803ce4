namespace OciMirror.Core.Diagnostics
{
    /// <summary>A sink that drops everything.</summary>
    public sealed class NullLogSink : ILogSink
    {
        public static readonly NullLogSink Instance = new NullLogSink();

        public void Log(LogLevel level, string message)
        {
        }
    }
}
