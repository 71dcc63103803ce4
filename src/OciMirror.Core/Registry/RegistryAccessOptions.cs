using System;
using OciMirror.Core.Registry.Auth;

namespace OciMirror.Core.Registry
{
    /// <summary>
    /// How to reach the registries of one side of an operation. Defaults: HTTPS with system trust,
    /// anonymous access, plain HTTP only when <see cref="PlainHttp"/> is set or, for a loopback host,
    /// when the server does not speak TLS at all.
    /// </summary>
    public sealed class RegistryAccessOptions
    {
        private int _maxConnectionsPerServer = 8;

        /// <summary>Use http:// for every registry of this side.</summary>
        public bool PlainHttp { get; set; }

        /// <summary>Accept any server certificate. Off by default.</summary>
        public bool SkipTlsVerify { get; set; }

        /// <summary>Where credentials come from; null means anonymous.</summary>
        public ICredentialProvider? Credentials { get; set; }

        /// <summary>Upper bound of parallel connections per registry host (default 8).</summary>
        public int MaxConnectionsPerServer
        {
            get => _maxConnectionsPerServer;
            set => _maxConnectionsPerServer = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxConnectionsPerServer must be at least 1.");
        }

        /// <summary>Blobs larger than this are uploaded in chunks with PATCH (default 64 MiB).</summary>
        public long ChunkedUploadThreshold { get; set; } = 64L * 1024 * 1024;

        /// <summary>Size of each PATCH chunk (default 16 MiB).</summary>
        public int UploadChunkSize { get; set; } = 16 * 1024 * 1024;
    }
}
