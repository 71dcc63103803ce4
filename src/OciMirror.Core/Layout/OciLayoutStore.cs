using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Model;

namespace OciMirror.Core.Layout
{
    /// <summary>CONTRACT SHELL (to be implemented): an OCI image layout directory as a copy target.</summary>
    public sealed class OciLayoutStore : ITarget, IBundleCatalog
    {
        private OciLayoutStore()
        {
        }

        /// <summary>The layout root directory (full path).</summary>
        public string Root => throw new NotImplementedException();

        /// <summary>Opens or creates the layout at <paramref name="path"/>.</summary>
        public static Task<OciLayoutStore> OpenAsync(string path, LayoutOpenMode mode, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task<bool> ExistsAsync(Descriptor target, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task PushAsync(Descriptor expected, Stream content, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task TagAsync(Descriptor target, string reference, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task<IReadOnlyList<BundleEntry>> ListEntriesAsync(CancellationToken cancellationToken) => throw new NotImplementedException();
    }
}
