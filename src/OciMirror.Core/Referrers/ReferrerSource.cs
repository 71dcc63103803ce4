namespace OciMirror.Core.Referrers
{
    /// <summary>Where a referrer was found.</summary>
    public enum ReferrerSource
    {
        /// <summary>The registry's referrers API (distribution-spec 1.1).</summary>
        ReferrersApi,

        /// <summary>The referrers tag schema: the index tagged <c>sha256-&lt;hex&gt;</c> of a registry without the API, or such an entry of a bundle.</summary>
        TagSchema,

        /// <summary>A cosign digest tag (<c>sha256-&lt;hex&gt;.sig</c>, <c>.att</c>, <c>.sbom</c>).</summary>
        DigestTag,

        /// <summary>An entry of a bundle's index.json whose manifest names the subject (how bundles store referrers, DESIGN §4).</summary>
        BundleEntry,
    }
}
