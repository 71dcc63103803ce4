namespace OciMirror.Core.Content
{
    /// <summary>A source of a copy: readable storage plus name resolution.</summary>
    public interface IReadOnlyTarget : IReadOnlyStorage, IResolvable
    {
    }
}
