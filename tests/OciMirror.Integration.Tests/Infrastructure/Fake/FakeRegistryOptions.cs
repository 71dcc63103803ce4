namespace OciMirror.Integration.Tests.Infrastructure.Fake
{
    /// <summary>Behaviour switches of a <see cref="FakeRegistry"/>.</summary>
    public sealed class FakeRegistryOptions
    {
        /// <summary>Serve <c>GET /v2/NAME/referrers/DIGEST</c> and answer manifest pushes with a subject with <c>OCI-Subject</c> (default true). Off, the endpoint is a 404 like distribution 2.8's.</summary>
        public bool ReferrersApi { get; set; } = true;

        /// <summary>Honour If-Match / If-None-Match on manifest PUT by tag (412 when the tag changed); default true. distribution 2.8 ignores them.</summary>
        public bool HonourConditions { get; set; } = true;

        /// <summary>Filter referrers by <c>?artifactType=</c> (and say so in <c>OCI-Filters-Applied</c>); default true. Off, the filter is ignored, as the spec allows.</summary>
        public bool FilterReferrers { get; set; } = true;

        /// <summary>Largest page of a tag or referrers listing; a Link rel="next" header leads to the next (default 100).</summary>
        public int PageSize { get; set; } = 100;
    }
}
