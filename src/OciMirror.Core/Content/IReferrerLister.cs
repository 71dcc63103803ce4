using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Model;

namespace OciMirror.Core.Content
{
    /// <summary>
    /// Optional ability of a registry repository target: the referrers API of distribution-spec 1.1
    /// ("Listing Referrers", <c>GET /v2/&lt;name&gt;/referrers/&lt;digest&gt;</c>) and the registry's answer to a
    /// manifest pushed with a <c>subject</c> ("Pushing Manifests with Subject": the <c>OCI-Subject</c> header).
    /// </summary>
    public interface IReferrerLister
    {
        /// <summary>
        /// The referrers of <paramref name="subject"/> in this repository, every page followed. With
        /// <paramref name="artifactType"/> the registry is asked to filter; <see cref="ReferrerListing.FilterApplied"/>
        /// says whether it did (the caller filters otherwise). Null when the registry has no referrers API
        /// (it answered 404 or 405): the caller then falls back to the referrers tag schema.
        /// </summary>
        /// <exception cref="Errors.OciException">Any other failure, as mapped from the registry's answer.</exception>
        Task<ReferrerListing?> ListReferrersAsync(Digest subject, string? artifactType, CancellationToken cancellationToken);

        /// <summary>
        /// True when this repository answered a push of manifest <paramref name="manifest"/> with an
        /// <c>OCI-Subject</c> header: the registry indexed its subject itself. False when it did not, or
        /// when the manifest was not pushed through this object (it was present already).
        /// </summary>
        bool AcknowledgedSubject(Digest manifest);
    }
}
