using System;
using System.Collections.Generic;
using OciMirror.Core.Model;

namespace OciMirror.Core.Content
{
    /// <summary>What the referrers API answered for one subject. Immutable.</summary>
    public sealed class ReferrerListing
    {
        public ReferrerListing(IReadOnlyList<Descriptor> referrers, bool filterApplied)
        {
            Referrers = referrers ?? throw new ArgumentNullException(nameof(referrers));
            FilterApplied = filterApplied;
        }

        /// <summary>Descriptors of the referring manifests and indexes, with artifactType and annotations as the registry gave them.</summary>
        public IReadOnlyList<Descriptor> Referrers { get; }

        /// <summary>True when the registry said (<c>OCI-Filters-Applied: artifactType</c>) that it filtered by artifact type.</summary>
        public bool FilterApplied { get; }
    }
}
