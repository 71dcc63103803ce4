using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Operations;

namespace OciMirror.PowerShell.Common
{
    /// <summary>
    /// The engine calls the cmdlets make, one method per operation. The default, <see cref="OciEngine"/>,
    /// runs the real Core operations; tests substitute a fake through <see cref="OciAsyncCmdlet.Engine"/>.
    /// </summary>
    internal interface IOciEngine
    {
        /// <inheritdoc cref="ExportOperation.RunAsync"/>
        Task<OperationSummary> ExportAsync(ExportRequest request, IOperationObserver observer, CancellationToken cancellationToken);

        /// <inheritdoc cref="ImportOperation.RunAsync"/>
        Task<OperationSummary> ImportAsync(ImportRequest request, IOperationObserver observer, CancellationToken cancellationToken);

        /// <inheritdoc cref="CopyOperation.RunAsync"/>
        Task<OperationSummary> CopyAsync(CopyRequest request, IOperationObserver observer, CancellationToken cancellationToken);

        /// <inheritdoc cref="SyncOperation.RunAsync"/>
        Task<OperationSummary> SyncAsync(SyncRequest request, IOperationObserver observer, CancellationToken cancellationToken);

        /// <inheritdoc cref="PushOperation.RunAsync"/>
        Task<OperationSummary> PushAsync(PushRequest request, IOperationObserver observer, CancellationToken cancellationToken);

        /// <inheritdoc cref="PullOperation.RunAsync"/>
        Task<PullResult> PullAsync(PullRequest request, IOperationObserver observer, CancellationToken cancellationToken);

        /// <inheritdoc cref="IndexCreateOperation.RunAsync"/>
        Task<OperationSummary> CreateIndexAsync(IndexCreateRequest request, IOperationObserver observer, CancellationToken cancellationToken);

        /// <inheritdoc cref="TagListOperation.RunAsync"/>
        Task<IReadOnlyList<TagInfo>> ListTagsAsync(TagListRequest request, ILogSink log, CancellationToken cancellationToken);

        /// <inheritdoc cref="BundleListOperation.RunAsync"/>
        Task<IReadOnlyList<BundleArtifactInfo>> ListBundleAsync(BundleRequest request, ILogSink log, CancellationToken cancellationToken);

        /// <inheritdoc cref="BundleVerifyOperation.RunAsync"/>
        Task<BundleVerifyReport> VerifyBundleAsync(BundleRequest request, IOperationObserver observer, CancellationToken cancellationToken);
    }
}
