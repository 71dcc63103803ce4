using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Referrers
{
    /// <summary>
    /// Maintains the referrers tag schema on a registry without the referrers API (distribution-spec 1.1,
    /// "Pushing Manifests with Subject"): read the index tagged <c>sha256-&lt;hex&gt;</c> (none: start empty),
    /// append the referrer's descriptor unless listed, push it back under the same tag.
    /// <para>
    /// Concurrent writers. Inside this process every read-modify-write of one tag holds
    /// <see cref="KeyedLock.Process"/>, so imports running side by side never lose an entry. Across
    /// processes the spec offers only conditional requests: the PUT carries <c>If-Match</c> with the ETag
    /// read (or <c>If-None-Match: *</c> when there was no tag), and a 412 restarts the cycle. A registry
    /// that ignores conditions (distribution 2.8 does) can still let another process overwrite the entry
    /// between our read and write; the tag is read back after the write and the cycle restarts when the
    /// entry is gone, which narrows the window to the moment between that read-back and the other writer's
    /// PUT, but cannot close it. The spec says so itself ("Protection against race conditions is the
    /// responsibility of clients and end users, and can be resolved by using a registry that provides the
    /// referrers API").
    /// </para>
    /// </summary>
    internal static class ReferrersTagIndex
    {
        /// <summary>Read-modify-write cycles before giving up on a tag other writers keep changing.</summary>
        public const int MaxAttempts = 5;

        private static readonly Random Jitter = new Random();

        /// <summary>Runs the PUT of an index (digest, the referrers it lists, the write) where other writes of the same operation cannot overlap it.</summary>
        public delegate Task<bool> WriteGuard(Digest digest, System.Collections.Generic.IEnumerable<Digest> children, Func<CancellationToken, Task<bool>> write, CancellationToken cancellationToken);

        /// <summary>
        /// Lists <paramref name="listing"/> in the referrers index of <paramref name="subject"/>; false when it
        /// was listed already (nothing written).
        /// </summary>
        /// <param name="storeKey">Identifies the repository across this process (<c>registry/path</c>).</param>
        /// <param name="locks">The writers to exclude; default <see cref="KeyedLock.Process"/> (tests give each simulated process its own).</param>
        /// <param name="guard">Wraps each PUT (the copy session's write gate: never while a listed referrer is written); null: PUT directly.</param>
        /// <exception cref="OciException">The tag holds something other than an OCI image index (left unchanged); other writers changed it on every attempt; registry errors.</exception>
        public static async Task<bool> AddAsync(IConditionalManifestStore store, string storeKey, Digest subject, Descriptor listing, ILogSink log, CancellationToken cancellationToken, KeyedLock? locks = null, WriteGuard? guard = null)
        {
            string tag = ReferrerTags.TagSchemaTag(subject);
            using (await (locks ?? KeyedLock.Process).AcquireAsync(storeKey + ":" + tag, cancellationToken).ConfigureAwait(false))
            {
                for (int attempt = 1; ; attempt++)
                {
                    TaggedManifest? current = await store.GetTaggedManifestAsync(tag, cancellationToken).ConfigureAwait(false);
                    JObject index = current == null ? NewIndex() : Read(current, storeKey, tag, listing.Digest);
                    if (Lists(index, listing.Digest))
                    {
                        return false;
                    }

                    ((JArray)index["manifests"]!).Add(JObject.FromObject(listing));
                    byte[] content = Encoding.UTF8.GetBytes(index.ToString(Formatting.None));
                    Func<CancellationToken, Task<bool>> put = token => store.PutTaggedManifestAsync(tag, MediaTypes.OciIndex, content, current?.EntityTag, current == null, token);
                    bool written = guard == null
                        ? await put(cancellationToken).ConfigureAwait(false)
                        : await guard(Digest.Compute(content), Listed(index), put, cancellationToken).ConfigureAwait(false);
                    if (written)
                    {
                        TaggedManifest? after = await store.GetTaggedManifestAsync(tag, cancellationToken).ConfigureAwait(false);
                        if (after != null && Lists(Read(after, storeKey, tag, listing.Digest), listing.Digest))
                        {
                            return true;
                        }

                        log.Log(LogLevel.Verbose, $"Referrers tag {storeKey}:{tag} was rewritten by another writer right after our update and lost {listing.Digest}; updating it again ({attempt} of {MaxAttempts}).");
                    }
                    else
                    {
                        log.Log(LogLevel.Verbose, $"Referrers tag {storeKey}:{tag} changed since it was read (412 Precondition Failed); updating it again ({attempt} of {MaxAttempts}).");
                    }

                    if (attempt == MaxAttempts)
                    {
                        throw new OciException(OciErrorKind.Unavailable, $"The referrers index {storeKey}:{tag} kept being changed by other writers: {listing.Digest} could not be listed in it after {MaxAttempts} attempts.")
                        {
                            Side = ErrorSide.Destination,
                            Digest = listing.Digest,
                            Reference = storeKey + ":" + tag,
                            RecommendedAction = "Run the import again when no other client pushes signatures or SBOMs for this image, or use a registry with the referrers API (distribution-spec 1.1).",
                        };
                    }

                    int wait;
                    lock (Jitter)
                    {
                        wait = Jitter.Next(20, 100) * attempt;
                    }

                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private static JObject NewIndex() => new JObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciIndex,
            ["manifests"] = new JArray(),
        };

        private static System.Collections.Generic.IEnumerable<Digest> Listed(JObject index) =>
            ((JArray)index["manifests"]!).OfType<JObject>().Select(m => Digest.TryParse((string?)m["digest"], out Digest d) ? (Digest?)d : null).Where(d => d != null).Select(d => d!.Value).ToList();

        private static bool Lists(JObject index, Digest digest) =>
            ((JArray)index["manifests"]!).OfType<JObject>().Any(m => string.Equals((string?)m["digest"], digest.ToString(), StringComparison.Ordinal));

        /// <summary>The tag's index, unknown fields kept; refuses anything else (spec: report a failure, change nothing).</summary>
        private static JObject Read(TaggedManifest current, string storeKey, string tag, Digest referrer)
        {
            JObject? doc = null;
            try
            {
                doc = ReferrerJson.Load(current.Content);
            }
            catch (JsonException)
            {
            }

            string mediaType = current.Descriptor.MediaType.Length != 0 && current.Descriptor.MediaType != "application/json"
                ? current.Descriptor.MediaType
                : (string?)doc?["mediaType"] ?? string.Empty;
            if (doc == null || mediaType != MediaTypes.OciIndex || !(doc["manifests"] is JArray))
            {
                throw new OciException(OciErrorKind.ProtocolError, $"Tag {storeKey}:{tag} should hold the referrers index (an OCI image index) but holds {(mediaType.Length == 0 ? "something else" : mediaType)}; it was left unchanged, and {referrer} cannot be listed in it.")
                {
                    Side = ErrorSide.Destination,
                    Digest = referrer,
                    Reference = storeKey + ":" + tag,
                    RecommendedAction = "Move that tag away (it is reserved for referrers by the distribution spec) and run the import again.",
                };
            }

            return doc;
        }
    }
}
