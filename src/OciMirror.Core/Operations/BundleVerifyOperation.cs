using System;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// CONTRACT SHELL (to be implemented): hashes every blob of a bundle (directory, tar, tgz or stream),
    /// checks every manifest's children exist with the declared sizes, and that index.json and oci-layout
    /// are valid. Damage is reported, not thrown; only an unreadable path throws.
    /// </summary>
    public sealed class BundleVerifyOperation
    {
        public BundleVerifyOperation(BundleRequest request)
        {
            Request = request ?? throw new ArgumentNullException(nameof(request));
        }

        public BundleRequest Request { get; }

        /// <summary>The report; progress (bytes hashed) goes to <paramref name="observer"/>.</summary>
        public Task<BundleVerifyReport> RunAsync(IOperationObserver observer, CancellationToken cancellationToken) => throw new NotImplementedException();
    }
}
