using OciMirror.Core.Content;
using OciMirror.Core.Referrers;

namespace OciMirror.Core.Operations
{
    /// <summary>A referrer an export carries: where it is read from, and the name it gets in the bundle.</summary>
    internal sealed class ReferrerItem
    {
        public ReferrerItem(ITarget repository, ReferrerRoot root, string name)
        {
            Repository = repository;
            Root = root;
            Name = name;
        }

        /// <summary>The source repository (the subject's).</summary>
        public ITarget Repository { get; }

        public ReferrerRoot Root { get; }

        /// <summary><c>registry/repo:sha256-&lt;hex&gt;.sig</c> for a cosign digest tag, else <c>registry/repo@digest</c>.</summary>
        public string Name { get; }
    }
}
