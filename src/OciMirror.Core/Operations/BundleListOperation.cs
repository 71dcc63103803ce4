using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;

namespace OciMirror.Core.Operations
{
    /// <summary>CONTRACT SHELL (to be implemented): lists the named roots of a bundle (directory, tar, tgz or stream).</summary>
    public sealed class BundleListOperation
    {
        public BundleListOperation(BundleRequest request)
        {
            Request = request ?? throw new ArgumentNullException(nameof(request));
        }

        public BundleRequest Request { get; }

        /// <summary>One entry per index.json root, in index order. Throws OciException (InvalidLayout) for a path that is not a bundle.</summary>
        public Task<IReadOnlyList<BundleArtifactInfo>> RunAsync(ILogSink log, CancellationToken cancellationToken) => throw new NotImplementedException();
    }
}
