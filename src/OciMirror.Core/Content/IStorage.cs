namespace OciMirror.Core.Content
{
    /// <summary>Readable and writable content-addressed storage.</summary>
    public interface IStorage : IReadOnlyStorage, IPushable
    {
    }
}
