using OciMirror.Core.References;

namespace OciMirror.Core.Content
{
    /// <summary>
    /// Gives the target for one repository of a registry. The registry client implements it; tests
    /// substitute in-memory repositories. Targets it returns may also implement <see cref="ITagLister"/>
    /// and <see cref="IBlobMounter"/>.
    /// </summary>
    public interface IRepositoryProvider
    {
        /// <summary>The target for <paramref name="repository"/> (its tag and digest are ignored).</summary>
        ITarget GetRepository(Reference repository);
    }
}
