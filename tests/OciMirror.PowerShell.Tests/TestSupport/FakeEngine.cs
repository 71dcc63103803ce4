using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Common;

namespace OciMirror.PowerShell.Tests.TestSupport
{
    /// <summary>An engine whose behaviour each test scripts; records the requests, tokens and threads it saw.</summary>
    internal sealed class FakeEngine : IOciEngine
    {
        public Func<ExportRequest, IOperationObserver, CancellationToken, Task<OperationSummary>> Export { get; set; } =
            (_, _, _) => Task.FromResult(new OperationSummary(Array.Empty<ArtifactResult>()));

        public Func<ImportRequest, IOperationObserver, CancellationToken, Task<OperationSummary>> Import { get; set; } =
            (_, _, _) => Task.FromResult(new OperationSummary(Array.Empty<ArtifactResult>()));

        public Func<CopyRequest, IOperationObserver, CancellationToken, Task<OperationSummary>> Copy { get; set; } =
            (_, _, _) => Task.FromResult(new OperationSummary(Array.Empty<ArtifactResult>()));

        public Func<SyncRequest, IOperationObserver, CancellationToken, Task<OperationSummary>> Sync { get; set; } =
            (_, _, _) => Task.FromResult(new OperationSummary(Array.Empty<ArtifactResult>()));

        public Func<PushRequest, IOperationObserver, CancellationToken, Task<OperationSummary>> Push { get; set; } =
            (_, _, _) => Task.FromResult(new OperationSummary(Array.Empty<ArtifactResult>()));

        public Func<PullRequest, IOperationObserver, CancellationToken, Task<PullResult>> Pull { get; set; } =
            (request, _, _) => Task.FromResult(new PullResult { Source = request.Source });

        public Func<IndexCreateRequest, IOperationObserver, CancellationToken, Task<OperationSummary>> CreateIndex { get; set; } =
            (_, _, _) => Task.FromResult(new OperationSummary(Array.Empty<ArtifactResult>()));

        public List<PushRequest> PushRequests { get; } = new List<PushRequest>();

        public List<PullRequest> PullRequests { get; } = new List<PullRequest>();

        public List<IndexCreateRequest> IndexRequests { get; } = new List<IndexCreateRequest>();

        public Func<TagListRequest, ILogSink, CancellationToken, Task<IReadOnlyList<TagInfo>>> ListTags { get; set; } =
            (_, _, _) => Task.FromResult<IReadOnlyList<TagInfo>>(Array.Empty<TagInfo>());

        public Func<BundleRequest, ILogSink, CancellationToken, Task<IReadOnlyList<BundleArtifactInfo>>> ListBundle { get; set; } =
            (_, _, _) => Task.FromResult<IReadOnlyList<BundleArtifactInfo>>(Array.Empty<BundleArtifactInfo>());

        public Func<BundleRequest, IOperationObserver, CancellationToken, Task<BundleVerifyReport>> VerifyBundle { get; set; } =
            (request, _, _) => Task.FromResult(new BundleVerifyReport { BundlePath = request.BundlePath });

        public List<BundleRequest> ListRequests { get; } = new List<BundleRequest>();

        public List<BundleRequest> VerifyRequests { get; } = new List<BundleRequest>();

        public List<ExportRequest> ExportRequests { get; } = new List<ExportRequest>();

        public List<ImportRequest> ImportRequests { get; } = new List<ImportRequest>();

        public List<TagListRequest> TagRequests { get; } = new List<TagListRequest>();

        public List<CopyRequest> CopyRequests { get; } = new List<CopyRequest>();

        public List<SyncRequest> SyncRequests { get; } = new List<SyncRequest>();

        public CancellationToken LastToken { get; private set; }

        public int CallThreadId { get; private set; }

        public Task<OperationSummary> ExportAsync(ExportRequest request, IOperationObserver observer, CancellationToken cancellationToken)
        {
            Note(cancellationToken);
            ExportRequests.Add(request);
            return Export(request, observer, cancellationToken);
        }

        public Task<OperationSummary> ImportAsync(ImportRequest request, IOperationObserver observer, CancellationToken cancellationToken)
        {
            Note(cancellationToken);
            ImportRequests.Add(request);
            return Import(request, observer, cancellationToken);
        }

        public Task<OperationSummary> CopyAsync(CopyRequest request, IOperationObserver observer, CancellationToken cancellationToken)
        {
            Note(cancellationToken);
            CopyRequests.Add(request);
            return Copy(request, observer, cancellationToken);
        }

        public Task<OperationSummary> SyncAsync(SyncRequest request, IOperationObserver observer, CancellationToken cancellationToken)
        {
            Note(cancellationToken);
            SyncRequests.Add(request);
            return Sync(request, observer, cancellationToken);
        }

        public Task<OperationSummary> PushAsync(PushRequest request, IOperationObserver observer, CancellationToken cancellationToken)
        {
            Note(cancellationToken);
            PushRequests.Add(request);
            return Push(request, observer, cancellationToken);
        }

        public Task<PullResult> PullAsync(PullRequest request, IOperationObserver observer, CancellationToken cancellationToken)
        {
            Note(cancellationToken);
            PullRequests.Add(request);
            return Pull(request, observer, cancellationToken);
        }

        public Task<OperationSummary> CreateIndexAsync(IndexCreateRequest request, IOperationObserver observer, CancellationToken cancellationToken)
        {
            Note(cancellationToken);
            IndexRequests.Add(request);
            return CreateIndex(request, observer, cancellationToken);
        }

        public Task<IReadOnlyList<TagInfo>> ListTagsAsync(TagListRequest request, ILogSink log, CancellationToken cancellationToken)
        {
            Note(cancellationToken);
            TagRequests.Add(request);
            return ListTags(request, log, cancellationToken);
        }

        public Task<IReadOnlyList<BundleArtifactInfo>> ListBundleAsync(BundleRequest request, ILogSink log, CancellationToken cancellationToken)
        {
            Note(cancellationToken);
            ListRequests.Add(request);
            return ListBundle(request, log, cancellationToken);
        }

        public Task<BundleVerifyReport> VerifyBundleAsync(BundleRequest request, IOperationObserver observer, CancellationToken cancellationToken)
        {
            Note(cancellationToken);
            VerifyRequests.Add(request);
            return VerifyBundle(request, observer, cancellationToken);
        }

        private void Note(CancellationToken token)
        {
            LastToken = token;
            CallThreadId = Environment.CurrentManagedThreadId;
        }
    }
}
