using OciMirror.Core.Content;
using OciMirror.Core.Referrers;

namespace OciMirror.Core.Operations
{
    /// <summary>A referrer an export or copy carries: where it is read from, its name there, and the name it gets at the destination.</summary>
    internal sealed class ReferrerItem
    {
        public ReferrerItem(ITarget repository, ReferrerRoot root, string name, string target)
        {
            Repository = repository;
            Root = root;
            Name = name;
            Target = target;
        }

        /// <summary>The source repository (the subject's).</summary>
        public ITarget Repository { get; }

        public ReferrerRoot Root { get; }

        /// <summary>In the source: <c>registry/repo:sha256-&lt;hex&gt;.sig</c> for a cosign digest tag, else <c>registry/repo@digest</c>.</summary>
        public string Name { get; }

        /// <summary>The same at the destination (the subject's destination repository); for a bundle, <see cref="Name"/>.</summary>
        public string Target { get; }
    }
}
