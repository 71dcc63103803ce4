using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Referrers;

namespace OciMirror.Core.Tests.TestDoubles
{
    /// <summary>
    /// An in-memory registry repository with the referrers API (switchable) and conditional tag PUTs
    /// (honoured or ignored), with hooks that let a test play a concurrent writer.
    /// </summary>
    public sealed class ReferrerRepository : MemoryTarget, IReferrerLister, IConditionalManifestStore, IBlobMounter
    {
        public ReferrerRepository(string registry = "registry.test", string repository = "team/app")
        {
            RegistryName = registry;
            RepositoryName = repository;
        }

        public string RegistryName { get; }

        public string RepositoryName { get; }

        public bool HasApi { get; set; } = true;

        /// <summary>Whether the API applies ?artifactType= (and says so).</summary>
        public bool FiltersByType { get; set; } = true;

        public bool HonourConditions { get; set; } = true;

        /// <summary>Run before each conditional PUT decides (a concurrent writer acts here).</summary>
        public Func<int, Task>? BeforeTaggedPut { get; set; }

        /// <summary>Run after each successful conditional PUT (a writer that ignores conditions overwrites here).</summary>
        public Func<int, Task>? AfterTaggedPut { get; set; }

        public ConcurrentQueue<string> ReferrerQueries { get; } = new ConcurrentQueue<string>();

        public int TaggedPuts => _puts;

        private int _puts;

        public Task<ReferrerListing?> ListReferrersAsync(Digest subject, string? artifactType, CancellationToken cancellationToken)
        {
            ReferrerQueries.Enqueue(subject + (artifactType == null ? string.Empty : "?" + artifactType));
            if (!HasApi)
            {
                return Task.FromResult<ReferrerListing?>(null);
            }

            var list = new List<Descriptor>();
            foreach (Digest digest in Digests)
            {
                ReferrerManifest? m = TryParse(digest);
                if (m?.Subject?.Digest == subject && (!FiltersByType || artifactType == null || m.ListedArtifactType == artifactType))
                {
                    list.Add(m.ToListingDescriptor());
                }
            }

            return Task.FromResult<ReferrerListing?>(new ReferrerListing(list, FiltersByType && artifactType != null));
        }

        public bool AcknowledgedSubject(Digest manifest) => HasApi && TryParse(manifest)?.Subject != null;

        public async Task<TaggedManifest?> GetTaggedManifestAsync(string tag, CancellationToken cancellationToken)
        {
            try
            {
                Descriptor d = await ResolveAsync(tag, cancellationToken).ConfigureAwait(false);
                return new TaggedManifest(d, Bytes(d.Digest), "\"" + d.Digest + "\"");
            }
            catch (OciException e) when (e.Kind == OciErrorKind.NotFound)
            {
                return null;
            }
        }

        public async Task<bool> PutTaggedManifestAsync(string tag, string mediaType, byte[] content, string? ifMatch, bool mustNotExist, CancellationToken cancellationToken)
        {
            int attempt = Interlocked.Increment(ref _puts);
            if (BeforeTaggedPut != null)
            {
                await BeforeTaggedPut(attempt).ConfigureAwait(false);
            }

            TaggedManifest? current = await GetTaggedManifestAsync(tag, cancellationToken).ConfigureAwait(false);
            if (HonourConditions && ((ifMatch != null && current?.EntityTag != ifMatch) || (mustNotExist && current != null)))
            {
                return false;
            }

            Put(tag, mediaType, content);
            if (AfterTaggedPut != null)
            {
                await AfterTaggedPut(attempt).ConfigureAwait(false);
            }

            return true;
        }

        /// <summary>Stores <paramref name="content"/> and points <paramref name="tag"/> at it (another writer's PUT).</summary>
        public void Put(string tag, string mediaType, byte[] content)
        {
            Descriptor d = Descriptor.FromBytes(mediaType, content);
            PutRaw(d, content);
            TagAsync(d, tag, CancellationToken.None).GetAwaiter().GetResult();
        }

        public Task<bool> MountAsync(Descriptor blob, string fromRepository, CancellationToken cancellationToken) => Task.FromResult(false);

        private ReferrerManifest? TryParse(Digest digest)
        {
            try
            {
                byte[] bytes = Bytes(digest);
                return bytes.Length > 0 && bytes[0] == (byte)'{' ? ReferrerManifest.Parse(new Descriptor(string.Empty, digest, bytes.Length), bytes) : null;
            }
            catch (Exception e) when (e is OciException || e is KeyNotFoundException)
            {
                return null;
            }
        }
    }
}
