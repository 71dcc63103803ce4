using System;
using System.Collections.Generic;
using OciMirror.Core.Registry.Auth;

namespace OciMirror.Core.Registry
{
    /// <summary>
    /// How to reach the registries of one side of an operation. Defaults: HTTPS with system trust plus
    /// the certs.d directories, anonymous access, plain HTTP only when <see cref="PlainHttp"/> is set or,
    /// for a loopback host, when the server does not speak TLS at all. <see cref="Hosts"/> overrides any
    /// of this per registry. Certificate files are read when a <see cref="RegistryClient"/> is created
    /// (side-wide files) or first talks to a host (per-host files and certs.d).
    /// </summary>
    public sealed class RegistryAccessOptions
    {
        private int _maxConnectionsPerServer = 8;

        /// <summary>Use http:// for every registry of this side (a host's <see cref="RegistryHostSettings.PlainHttp"/> wins).</summary>
        public bool PlainHttp { get; set; }

        /// <summary>Accept any server certificate. Off by default (a host's <see cref="RegistryHostSettings.SkipTlsVerify"/> wins).</summary>
        public bool SkipTlsVerify { get; set; }

        /// <summary>
        /// Let every registry of this side fall back to http:// when it does not speak TLS at all (skopeo's
        /// <c>--tls-verify=false</c>); loopback hosts always may. Off by default (a host's
        /// <see cref="RegistryHostSettings.AllowHttpFallback"/> wins).
        /// </summary>
        public bool AllowHttpFallback { get; set; }

        /// <summary>
        /// Where credentials come from; null means anonymous. Credentials in <see cref="Hosts"/> are asked
        /// first, unless this is an explicit credential (a <see cref="StaticCredentialProvider"/>, or a
        /// <see cref="Credentials.CredentialResolver"/> holding an explicit credential), which wins for every host.
        /// </summary>
        public ICredentialProvider? Credentials { get; set; }

        /// <summary>
        /// A PEM file of one or more CA certificates (a DER file with one certificate is accepted too)
        /// trusted in addition to the system trust, for every registry of this side. Default null.
        /// Unreadable or without a certificate: <see cref="Errors.OciException"/> (TlsFailed) naming the file.
        /// </summary>
        public string? CertificateAuthorityFile { get; set; }

        /// <summary>
        /// Roots of the certs.d convention, searched per host in <c>&lt;root&gt;/&lt;host[:port]&gt;/</c> (the port
        /// exactly as in the reference): <c>*.crt</c> are extra CAs, <c>*.cert</c> + <c>*.key</c> of the same
        /// base name are client certificate pairs. Null (default) means <c>/etc/docker/certs.d</c>,
        /// <c>/etc/containers/certs.d</c>, <c>~/.config/containers/certs.d</c> and <c>~/.docker/certs.d</c>
        /// (on Windows <c>%USERPROFILE%\.docker\certs.d</c> and <c>%ProgramData%\docker\certs.d</c>); an empty
        /// list turns discovery off. Missing directories are skipped.
        /// </summary>
        public IReadOnlyList<string>? CertificateDirectories { get; set; }

        /// <summary>
        /// Client certificate for mutual TLS with every registry of this side: a PEM certificate with its
        /// PEM private key in <see cref="ClientKeyFile"/>, or a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, no
        /// password) with no key file. PEM keys need .NET 5 or later (PowerShell 7); on .NET Framework
        /// (Windows PowerShell 5.1) use a .pfx. A host's settings and then this beat a certs.d pair.
        /// </summary>
        public string? ClientCertificateFile { get; set; }

        /// <summary>The PEM private key (PKCS#8, PKCS#1 or EC, unencrypted) of <see cref="ClientCertificateFile"/>.</summary>
        public string? ClientKeyFile { get; set; }

        /// <summary>
        /// Per-registry overrides, keyed by host[:port] (Docker Hub aliases are treated as <c>docker.io</c>;
        /// keys are normalized when the client is created), usually from <see cref="RegistryConfigFile.LoadAsync"/>.
        /// A host's settings beat the side-wide ones for that host; its credentials beat the auth files
        /// but lose to an explicit credential. Default null.
        /// </summary>
        public IReadOnlyDictionary<string, RegistryHostSettings>? Hosts { get; set; }

        /// <summary>Upper bound of parallel connections per registry host (default 8).</summary>
        public int MaxConnectionsPerServer
        {
            get => _maxConnectionsPerServer;
            set => _maxConnectionsPerServer = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxConnectionsPerServer must be at least 1.");
        }

        /// <summary>The default of <see cref="ReadTimeout"/>: 60 seconds.</summary>
        public static readonly TimeSpan DefaultReadTimeout = TimeSpan.FromSeconds(60);

        private TimeSpan _readTimeout = DefaultReadTimeout;

        /// <summary>
        /// The idle (stall) timeout of every response body and upload: a single read that receives no byte
        /// (or a write the registry does not accept) for this long fails the transfer with a Timeout error; a
        /// blob download first resumes with <c>Range</c> (up to three times). Progress resets it, so a slow
        /// trickle never times out, however long the whole transfer takes. Default 60 s;
        /// <see cref="TimeSpan.Zero"/> or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> turns it off
        /// (the response headers keep their own 100 s limit).
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">A negative value other than infinite.</exception>
        public TimeSpan ReadTimeout
        {
            get => _readTimeout;
            set => _readTimeout = value >= TimeSpan.Zero || value == System.Threading.Timeout.InfiniteTimeSpan
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "ReadTimeout must be zero (off), positive or infinite.");
        }

        /// <summary>Blobs larger than this are uploaded in chunks with PATCH (default 64 MiB).</summary>
        public long ChunkedUploadThreshold { get; set; } = 64L * 1024 * 1024;

        /// <summary>Size of each PATCH chunk (default 16 MiB).</summary>
        public int UploadChunkSize { get; set; } = 16 * 1024 * 1024;

        /// <summary>
        /// A copy whose <see cref="Hosts"/> are this one's with <paramref name="overrides"/> laid over them field by
        /// field (a sync file's per-registry settings over <c>--registry-config</c>'s); everything else is shared.
        /// </summary>
        internal RegistryAccessOptions WithHostSettings(IEnumerable<KeyValuePair<string, RegistryHostSettings>> overrides)
        {
            var hosts = new Dictionary<string, RegistryHostSettings>(StringComparer.OrdinalIgnoreCase);
            var index = new HostSettingsIndex(Hosts);
            foreach (KeyValuePair<string, RegistryHostSettings> entry in Hosts ?? new Dictionary<string, RegistryHostSettings>())
            {
                hosts[HostSettingsIndex.Normalize(entry.Key)] = entry.Value;
            }

            foreach (KeyValuePair<string, RegistryHostSettings> entry in overrides)
            {
                string key = HostSettingsIndex.Normalize(entry.Key);
                hosts[key] = index.Find(key)?.OverlaidBy(entry.Value) ?? entry.Value;
            }

            var copy = (RegistryAccessOptions)MemberwiseClone();
            copy.Hosts = hosts;
            return copy;
        }
    }
}
