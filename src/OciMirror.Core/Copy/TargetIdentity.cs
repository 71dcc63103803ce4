using System.Runtime.CompilerServices;
using System.Threading;
using OciMirror.Core.Content;

namespace OciMirror.Core.Copy
{
    /// <summary>
    /// A string that identifies a destination for deduplication. A registry repository is identified by
    /// registry and repository name (the client may hand out several objects for one repository); any
    /// other storage by object identity.
    /// </summary>
    internal static class TargetIdentity
    {
        private static readonly ConditionalWeakTable<object, string> Ids = new ConditionalWeakTable<object, string>();
        private static long _next;

        public static string Of(object storage)
        {
            if (storage is IBlobMounter repository)
            {
                return "repo:" + repository.RegistryName + "/" + repository.RepositoryName;
            }

            return Ids.GetValue(storage, _ => "obj:" + Interlocked.Increment(ref _next));
        }
    }
}
