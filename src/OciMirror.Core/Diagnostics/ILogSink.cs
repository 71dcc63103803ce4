namespace OciMirror.Core.Diagnostics
{
    /// <summary>
    /// Receives engine log messages (request log, decisions). May be called from any thread; the front
    /// end marshals to its own output. Messages never contain credentials, tokens or Authorization values.
    /// </summary>
    public interface ILogSink
    {
        void Log(LogLevel level, string message);
    }
}
