namespace OciMirror.Core.Content
{
    /// <summary>A destination of a copy: storage plus naming.</summary>
    public interface ITarget : IReadOnlyTarget, IStorage, ITaggable
    {
    }
}
