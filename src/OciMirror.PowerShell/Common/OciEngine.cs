using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Operations;

namespace OciMirror.PowerShell.Common
{
    /// <summary>The production <see cref="IOciEngine"/>: one Core operation object per call.</summary>
    internal sealed class OciEngine : IOciEngine
    {
        public static readonly OciEngine Instance = new OciEngine();

        private OciEngine()
        {
        }

        public Task<OperationSummary> ExportAsync(ExportRequest request, IOperationObserver observer, CancellationToken cancellationToken) =>
            new ExportOperation(request).RunAsync(observer, cancellationToken);

        public Task<OperationSummary> ImportAsync(ImportRequest request, IOperationObserver observer, CancellationToken cancellationToken) =>
            new ImportOperation(request).RunAsync(observer, cancellationToken);

        public Task<OperationSummary> CopyAsync(CopyRequest request, IOperationObserver observer, CancellationToken cancellationToken) =>
            new CopyOperation(request).RunAsync(observer, cancellationToken);

        public Task<OperationSummary> SyncAsync(SyncRequest request, IOperationObserver observer, CancellationToken cancellationToken) =>
            new SyncOperation(request).RunAsync(observer, cancellationToken);

        public Task<OperationSummary> PushAsync(PushRequest request, IOperationObserver observer, CancellationToken cancellationToken) =>
            new PushOperation(request).RunAsync(observer, cancellationToken);

        public Task<PullResult> PullAsync(PullRequest request, IOperationObserver observer, CancellationToken cancellationToken) =>
            new PullOperation(request).RunAsync(observer, cancellationToken);

        public Task<OperationSummary> CreateIndexAsync(IndexCreateRequest request, IOperationObserver observer, CancellationToken cancellationToken) =>
            new IndexCreateOperation(request).RunAsync(observer, cancellationToken);

        public Task<IReadOnlyList<TagInfo>> ListTagsAsync(TagListRequest request, ILogSink log, CancellationToken cancellationToken) =>
            new TagListOperation(request).RunAsync(log, cancellationToken);

        public Task<IReadOnlyList<BundleArtifactInfo>> ListBundleAsync(BundleRequest request, ILogSink log, CancellationToken cancellationToken) =>
            new BundleListOperation(request).RunAsync(log, cancellationToken);

        public Task<BundleVerifyReport> VerifyBundleAsync(BundleRequest request, IOperationObserver observer, CancellationToken cancellationToken) =>
            new BundleVerifyOperation(request).RunAsync(observer, cancellationToken);
    }
}
