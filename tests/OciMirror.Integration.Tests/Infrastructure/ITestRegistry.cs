using System;

namespace OciMirror.Integration.Tests.Infrastructure
{
    /// <summary>A registry on 127.0.0.1 started for a test, plain HTTP: the real one or the fake (see <see cref="TestRegistry"/>).</summary>
    public interface ITestRegistry : IAsyncDisposable
    {
        RegistryKind Kind { get; }

        /// <summary><c>127.0.0.1:PORT</c>.</summary>
        string Host { get; }

        /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
        Uri BaseUri { get; }

        /// <summary>True when it serves the referrers API (then the tag schema is not maintained by clients).</summary>
        bool HasReferrersApi { get; }
    }
}
