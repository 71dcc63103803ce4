namespace OciMirror.Integration.Tests.Infrastructure
{
    /// <summary>Which registry a test runs against (xunit theories run the same test over both where both apply).</summary>
    public enum RegistryKind
    {
        /// <summary>The real CNCF distribution 2.8 (Debian docker-registry): no referrers API, so the referrers tag schema.</summary>
        Distribution,

        /// <summary>The in-test <see cref="Fake.FakeRegistry"/> with the referrers API.</summary>
        Fake,
    }
}
