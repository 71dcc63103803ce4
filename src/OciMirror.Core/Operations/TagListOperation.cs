using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;

namespace OciMirror.Core.Operations
{
    /// <summary>CONTRACT SHELL (to be implemented): lists and filters the tags of a repository.</summary>
    public sealed class TagListOperation
    {
        public TagListOperation(TagListRequest request)
        {
            Request = request ?? throw new ArgumentNullException(nameof(request));
        }

        public TagListRequest Request { get; }

        /// <summary>The matching tags in registry order. Throws OciException on failure.</summary>
        public Task<IReadOnlyList<TagInfo>> RunAsync(ILogSink log, CancellationToken cancellationToken) => throw new NotImplementedException();
    }
}
