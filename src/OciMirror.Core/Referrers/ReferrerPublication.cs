namespace OciMirror.Core.Referrers
{
    /// <summary>How a referrer pushed to a registry became discoverable from its subject.</summary>
    public enum ReferrerPublication
    {
        /// <summary>It has no <c>subject</c> (a cosign digest-tag manifest: its tag is how it is found).</summary>
        NoSubject,

        /// <summary>The registry answered its push with <c>OCI-Subject</c>: it indexed the referrer itself.</summary>
        AcknowledgedByRegistry,

        /// <summary>The registry has the referrers API, which lists every manifest with a subject.</summary>
        ReferrersApi,

        /// <summary>No API: it was added to the referrers index tagged <c>sha256-&lt;hex&gt;</c>.</summary>
        TagSchemaUpdated,

        /// <summary>No API, and the referrers index listed it already (nothing written).</summary>
        TagSchemaAlreadyListed,

        /// <summary>The destination supports neither (not a registry repository): nothing was done.</summary>
        NotSupported,
    }
}
