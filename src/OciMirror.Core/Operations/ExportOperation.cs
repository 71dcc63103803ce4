using System;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Operations
{
    /// <summary>CONTRACT SHELL (to be implemented): runs one export request.</summary>
    public sealed class ExportOperation
    {
        public ExportOperation(ExportRequest request)
        {
            Request = request ?? throw new ArgumentNullException(nameof(request));
        }

        public ExportRequest Request { get; }

        /// <summary>
        /// Runs the request. Per-artifact outcomes go to <paramref name="observer"/> as they finish and are
        /// also in the summary. Throws <see cref="Errors.OciException"/> only for failures that stop
        /// everything (unusable bundle path, invalid destination).
        /// </summary>
        public Task<OperationSummary> RunAsync(IOperationObserver observer, CancellationToken cancellationToken) => throw new NotImplementedException();
    }
}
