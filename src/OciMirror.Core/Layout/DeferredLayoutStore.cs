using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// A bundle destination that creates its directory only when the first blob or tag is written, so an
    /// export that writes nothing (every artifact declined by -WhatIf, or every reference failing) leaves
    /// no trace on disk. An existing path is opened at once, so a file or a foreign non-empty directory is
    /// refused before any download.
    /// </summary>
    internal sealed class DeferredLayoutStore : ITarget, IDisposable
    {
        private readonly string _path;
        private readonly ILogSink? _log;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private volatile OciLayoutStore? _store;

        private DeferredLayoutStore(string path, OciLayoutStore? store, ILogSink? log)
        {
            _path = path;
            _log = log;
            _store = store;
        }

        /// <summary>
        /// Opens <paramref name="path"/> now when something is there (a layout, or something to refuse), and
        /// defers creation when the path is missing or an empty directory. Creation is safe when other
        /// writers (threads or processes) create the same bundle at once; waits are logged to <paramref name="log"/>.
        /// </summary>
        /// <exception cref="OciException">InvalidDestination or InvalidLayout from <see cref="OciLayoutStore.OpenAsync"/>.</exception>
        public static async Task<DeferredLayoutStore> OpenAsync(string path, CancellationToken cancellationToken, ILogSink? log = null)
        {
            bool present = File.Exists(path) || (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any());
            OciLayoutStore? store = present
                ? await OciLayoutStore.OpenAsync(path, LayoutOpenMode.CreateOrOpen, cancellationToken, log).ConfigureAwait(false)
                : null;
            return new DeferredLayoutStore(path, store, log);
        }

        public Task<bool> ExistsAsync(Descriptor target, CancellationToken cancellationToken) =>
            _store?.ExistsAsync(target, cancellationToken) ?? Task.FromResult(false);

        public Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken) =>
            _store?.FetchAsync(target, cancellationToken) ?? throw NotFound(target.Digest.ToString());

        public Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken) =>
            _store?.ResolveAsync(reference, cancellationToken) ?? throw NotFound(reference);

        public async Task PushAsync(Descriptor expected, Stream content, CancellationToken cancellationToken)
        {
            OciLayoutStore store = await CreateAsync(cancellationToken).ConfigureAwait(false);
            await store.PushAsync(expected, content, cancellationToken).ConfigureAwait(false);
        }

        public async Task TagAsync(Descriptor target, string reference, CancellationToken cancellationToken)
        {
            OciLayoutStore store = await CreateAsync(cancellationToken).ConfigureAwait(false);
            await store.TagAsync(target, reference, cancellationToken).ConfigureAwait(false);
        }

        public void Dispose()
        {
            _store?.Dispose();
            _gate.Dispose();
        }

        private async Task<OciLayoutStore> CreateAsync(CancellationToken cancellationToken)
        {
            if (_store != null)
            {
                return _store;
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return _store ??= await OciLayoutStore.OpenAsync(_path, LayoutOpenMode.CreateOrOpen, cancellationToken, _log).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        private OciException NotFound(string what) =>
            new OciException(OciErrorKind.NotFound, $"'{what}' is not in bundle '{_path}': the bundle does not exist yet.") { Path = _path };
    }
}
