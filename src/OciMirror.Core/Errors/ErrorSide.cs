namespace OciMirror.Core.Errors
{
    /// <summary>Which end of a copy an error came from.</summary>
    public enum ErrorSide
    {
        None,
        Source,
        Destination,
    }
}
