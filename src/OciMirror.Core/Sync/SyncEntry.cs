using System;
using System.Collections.Generic;
using OciMirror.Core.Selection;

namespace OciMirror.Core.Sync
{
    /// <summary>
    /// One repository of a sync file and what to take from it: explicit tags or digests (skopeo's <c>images</c>
    /// with a list), or the tags a <see cref="TagSelection"/> keeps of the registry's list (<c>images</c> with
    /// <c>[]</c>, <c>images-by-tag-regex</c>, <c>images-by-semver</c>, OciMirror's <c>repositories</c>).
    /// Immutable once read.
    /// </summary>
    public sealed class SyncEntry
    {
        internal SyncEntry(string registry, string repository, string origin, int line)
        {
            Registry = registry;
            Repository = repository;
            Origin = origin;
            Line = line;
        }

        /// <summary>The registry key of the file (<c>registry.example.com</c>, <c>localhost:5000</c>).</summary>
        public string Registry { get; }

        /// <summary>The repository path under it (<c>library/nginx</c>, <c>coreos/etcd</c>).</summary>
        public string Repository { get; }

        /// <summary>Where it was read: <c>registry → key → repository</c>, for messages.</summary>
        public string Origin { get; }

        /// <summary>The line of the repository key in the file.</summary>
        public int Line { get; }

        /// <summary>Explicit tags or digests to copy; empty means "list the tags and apply <see cref="Selection"/>".</summary>
        public IReadOnlyList<string> References { get; internal set; } = Array.Empty<string>();

        /// <summary>Which listed tags to copy when <see cref="References"/> is empty.</summary>
        public TagSelection Selection { get; internal set; } = new TagSelection();

        /// <summary>Platforms to copy (<c>os/arch[/variant]</c>); empty = every platform, byte-identical.</summary>
        public IReadOnlyList<string> Platforms { get; internal set; } = Array.Empty<string>();

        /// <summary><c>host[:port][/prefix]</c> replacing the run's destination registry for this entry (paths are kept under it); null = the run's.</summary>
        public string? Destination { get; internal set; }

        /// <summary>The exact repository (<c>host[:port]/path</c>) this entry's tags go to (a rename, e.g. dev → prod); null = mapped by path.</summary>
        public string? DestinationRepository { get; internal set; }

        public override string ToString() => Registry + "/" + Repository;
    }
}
