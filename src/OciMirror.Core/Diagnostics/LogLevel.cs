namespace OciMirror.Core.Diagnostics
{
    /// <summary>Severity of an engine log message. Verbose maps to -Verbose / --verbose, Debug to -Debug / --debug.</summary>
    public enum LogLevel
    {
        Debug,
        Verbose,
        Warning,
    }
}
