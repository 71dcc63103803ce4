using System;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.References;

namespace OciMirror.Core.Registry
{
    /// <summary>
    /// CONTRACT SHELL (to be implemented): an HTTP client for the distribution API shared by every
    /// repository of every registry on one side of an operation. Owns its HttpClient; dispose it.
    /// </summary>
    public sealed class RegistryClient : IRepositoryProvider, IDisposable
    {
        public RegistryClient(RegistryAccessOptions options, ILogSink? log = null)
        {
            throw new NotImplementedException();
        }

        /// <summary>A target for one repository; it also implements ITagLister and IBlobMounter.</summary>
        public ITarget GetRepository(Reference repository) => throw new NotImplementedException();

        /// <summary>GET /v2/ on <paramref name="registry"/>: checks reachability, TLS and credentials.</summary>
        public Task PingAsync(string registry, CancellationToken cancellationToken) => throw new NotImplementedException();

        public void Dispose()
        {
        }
    }
}
