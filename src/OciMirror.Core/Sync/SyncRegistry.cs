using System.Collections.Generic;
using OciMirror.Core.Registry;

namespace OciMirror.Core.Sync
{
    /// <summary>One registry of a sync file: how to reach it and the repositories to take from it. Immutable once read.</summary>
    public sealed class SyncRegistry
    {
        internal SyncRegistry(string host, int line, RegistryHostSettings settings, IReadOnlyList<SyncEntry> entries)
        {
            Host = host;
            Line = line;
            Settings = settings;
            Entries = entries;
        }

        /// <summary>The registry key as written (<c>registry.example.com</c>, <c>quay.io</c>, <c>localhost:5000</c>).</summary>
        public string Host { get; }

        /// <summary>The line of the registry key.</summary>
        public int Line { get; }

        /// <summary>
        /// <c>credentials</c>, <c>tls-verify</c> and <c>cert-dir</c> as host settings; they override the command's
        /// options for this registry on whichever side talks to it.
        /// </summary>
        public RegistryHostSettings Settings { get; }

        public IReadOnlyList<SyncEntry> Entries { get; }
    }
}
