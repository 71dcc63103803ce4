using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.References;

namespace OciMirror.Core.Tests.TestDoubles
{
    /// <summary>
    /// In-memory content store usable as a registry repository or a bundle. Push verifies size and
    /// digest (reading the stream to its end) and stores nothing on mismatch. Tags named like a full
    /// reference become named bundle entries; explicit entries can be added for import tests.
    /// Every call is counted in <see cref="Counts"/> and pushes/tags are logged in order in <see cref="Events"/>.
    /// </summary>
    public class MemoryTarget : ITarget, ITagLister, IBundleCatalog
    {
        private readonly ConcurrentDictionary<Digest, (string MediaType, byte[] Bytes)> _content = new ConcurrentDictionary<Digest, (string, byte[])>();
        private readonly object _tagLock = new object();
        private readonly List<KeyValuePair<string, Descriptor>> _tags = new List<KeyValuePair<string, Descriptor>>();
        private readonly List<BundleEntry> _entries = new List<BundleEntry>();

        public MemoryTarget(AccessCounts? counts = null)
        {
            Counts = counts ?? new AccessCounts();
        }

        public AccessCounts Counts { get; }

        /// <summary>"push:digest" and "tag:name" in the order they completed.</summary>
        public ConcurrentQueue<string> Events { get; } = new ConcurrentQueue<string>();

        /// <summary>Digests in the order their pushes completed.</summary>
        public ConcurrentQueue<Digest> PushOrder { get; } = new ConcurrentQueue<Digest>();

        /// <summary>Awaited at the start of every push (gates for ordering tests).</summary>
        public Func<Descriptor, Task>? BeforePush { get; set; }

        /// <summary>Awaited at the start of every tag (with the target and the tag).</summary>
        public Func<Descriptor, string, Task>? BeforeTag { get; set; }

        /// <summary>Awaited at the start of every fetch; may throw to inject faults.</summary>
        public Func<Descriptor, Task>? BeforeFetch { get; set; }

        public IReadOnlyCollection<Digest> Digests => _content.Keys.ToList();

        public bool Has(Digest digest) => _content.ContainsKey(digest);

        public byte[] Bytes(Digest digest) => _content[digest].Bytes;

        /// <summary>Stores bytes as they are, without verification (to plant corrupt content).</summary>
        public void PutRaw(Descriptor descriptor, byte[] bytes) => _content[descriptor.Digest] = (descriptor.MediaType, bytes);

        public void AddEntry(BundleEntry entry)
        {
            lock (_tagLock)
            {
                _entries.Add(entry);
            }
        }

        public IReadOnlyList<string> TagNames
        {
            get
            {
                lock (_tagLock)
                {
                    return _tags.Select(t => t.Key).ToList();
                }
            }
        }

        public async Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken)
        {
            AccessCounts.Add(Counts.Fetches, target.Digest);
            if (BeforeFetch != null)
            {
                await BeforeFetch(target).ConfigureAwait(false);
            }

            if (!_content.TryGetValue(target.Digest, out var item))
            {
                throw new OciException(OciErrorKind.NotFound, $"{target.Digest} not found.") { Digest = target.Digest };
            }

            return new MemoryStream(item.Bytes, writable: false);
        }

        public Task<bool> ExistsAsync(Descriptor target, CancellationToken cancellationToken)
        {
            AccessCounts.Add(Counts.Exists, target.Digest);
            return Task.FromResult(_content.ContainsKey(target.Digest));
        }

        public async Task PushAsync(Descriptor expected, Stream content, CancellationToken cancellationToken)
        {
            if (BeforePush != null)
            {
                await BeforePush(expected).ConfigureAwait(false);
            }

            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int n;
            while ((n = await content.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, n);
            }

            byte[] bytes = buffer.ToArray();
            if (bytes.LongLength != expected.Size || Digest.Compute(bytes) != expected.Digest)
            {
                throw new OciException(OciErrorKind.DigestMismatch, $"Pushed bytes do not match {expected.Digest}.") { Digest = expected.Digest, Side = ErrorSide.Destination };
            }

            _content[expected.Digest] = (expected.MediaType, bytes);
            AccessCounts.Add(Counts.Pushes, expected.Digest);
            PushOrder.Enqueue(expected.Digest);
            Events.Enqueue("push:" + expected.Digest);
        }

        public Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken)
        {
            if (Digest.TryParse(reference, out Digest digest))
            {
                return _content.TryGetValue(digest, out var item)
                    ? Task.FromResult(new Descriptor(item.MediaType, digest, item.Bytes.LongLength))
                    : Task.FromException<Descriptor>(new OciException(OciErrorKind.NotFound, $"{reference} not found.") { Reference = reference });
            }

            lock (_tagLock)
            {
                foreach (var tag in _tags)
                {
                    if (tag.Key == reference)
                    {
                        return Task.FromResult(tag.Value);
                    }
                }
            }

            return Task.FromException<Descriptor>(new OciException(OciErrorKind.NotFound, $"Tag {reference} not found.") { Reference = reference });
        }

        public async Task TagAsync(Descriptor target, string reference, CancellationToken cancellationToken)
        {
            if (BeforeTag != null)
            {
                await BeforeTag(target, reference).ConfigureAwait(false);
            }

            if (!_content.ContainsKey(target.Digest))
            {
                throw new InvalidOperationException($"Tagging {reference} → {target.Digest}, which is not stored.");
            }

            lock (_tagLock)
            {
                _tags.RemoveAll(t => t.Key == reference);
                _tags.Add(new KeyValuePair<string, Descriptor>(reference, target));
            }

            Events.Enqueue("tag:" + reference);
        }

        public Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken cancellationToken) => Task.FromResult(TagNames);

        public Task<IReadOnlyList<BundleEntry>> ListEntriesAsync(CancellationToken cancellationToken)
        {
            lock (_tagLock)
            {
                var list = new List<BundleEntry>(_entries);
                foreach (var tag in _tags)
                {
                    bool full = tag.Key.IndexOf('/') >= 0;
                    string? tagName = full ? Reference.ParseRepository(tag.Key).Tag : tag.Key;
                    list.Add(new BundleEntry(tag.Value, full ? tag.Key : null, tagName));
                }

                return Task.FromResult<IReadOnlyList<BundleEntry>>(list);
            }
        }
    }
}
