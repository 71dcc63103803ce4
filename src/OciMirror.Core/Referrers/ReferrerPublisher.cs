using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Referrers
{
    /// <summary>
    /// Makes a referrer copied into a registry discoverable from its subject (distribution-spec 1.1,
    /// "Pushing Manifests with Subject"): nothing to do when the registry acknowledged the push with
    /// <c>OCI-Subject</c> or has the referrers API; otherwise its descriptor is added to the referrers
    /// index tagged <c>sha256-&lt;hex&gt;</c> (see <see cref="ReferrersTagIndex"/> for concurrent writers).
    /// Call it after the referrer and its subject are in the destination. One instance per operation (it
    /// remembers which registries have the API). Thread-safe.
    /// </summary>
    public sealed class ReferrerPublisher
    {
        private readonly ConcurrentDictionary<string, bool> _apiSupport = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        private readonly ILogSink _log;
        private readonly CopySession? _session;

        /// <param name="log">Where to say what was decided.</param>
        /// <param name="session">The copy session that put the referrers in: the index update is written through its
        /// write gate, never while a referrer it lists is (re)written there by that session (null: no such session).</param>
        public ReferrerPublisher(ILogSink? log = null, CopySession? session = null)
        {
            _log = log ?? NullLogSink.Instance;
            _session = session;
        }

        /// <summary>
        /// Ensures <paramref name="referrer"/> (whose verified bytes are <paramref name="content"/>), already in
        /// <paramref name="destination"/>, is listed for its subject there.
        /// </summary>
        /// <exception cref="OciException">Side Destination: the referrers tag holds something else, other writers kept changing it, or the registry failed.</exception>
        public async Task<ReferrerPublication> PublishAsync(ITarget destination, Descriptor referrer, byte[] content, CancellationToken cancellationToken)
        {
            if (destination == null)
            {
                throw new ArgumentNullException(nameof(destination));
            }

            ReferrerManifest manifest = ReferrerManifest.Parse(referrer ?? throw new ArgumentNullException(nameof(referrer)), content);
            if (manifest.Subject == null)
            {
                return ReferrerPublication.NoSubject;
            }

            string key = TargetIdentity.Of(destination);
            try
            {
                if (destination is IReferrerLister lister)
                {
                    if (lister.AcknowledgedSubject(referrer.Digest))
                    {
                        return ReferrerPublication.AcknowledgedByRegistry;
                    }

                    string registry = destination is IBlobMounter mounter ? mounter.RegistryName : key;
                    if (!_apiSupport.TryGetValue(registry, out bool api))
                    {
                        api = await lister.ListReferrersAsync(manifest.Subject.Digest, null, cancellationToken).ConfigureAwait(false) != null;
                        _apiSupport[registry] = api;
                        _log.Log(LogLevel.Debug, $"Referrers: registry {registry} {(api ? "has" : "has no")} referrers API.");
                    }

                    if (api)
                    {
                        return ReferrerPublication.ReferrersApi;
                    }
                }

                if (destination is IConditionalManifestStore store)
                {
                    bool added = await ReferrersTagIndex.AddAsync(store, key.StartsWith("repo:", StringComparison.Ordinal) ? key.Substring(5) : key, manifest.Subject.Digest, manifest.ToListingDescriptor(), _log, cancellationToken, guard: Guard(destination)).ConfigureAwait(false);
                    return added ? ReferrerPublication.TagSchemaUpdated : ReferrerPublication.TagSchemaAlreadyListed;
                }

                return ReferrerPublication.NotSupported;
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                throw CopyErrors.Wrap(e, ErrorSide.Destination, referrer, null);
            }
        }

        private ReferrersTagIndex.WriteGuard? Guard(ITarget destination)
        {
            CopySession? session = _session;
            return session == null ? null : (digest, children, write, token) => session.WriteManifestAsync(destination, digest, children, write, token);
        }
    }
}
