using System;
using System.Collections.Generic;

namespace OciMirror.PowerShell.Common
{
    /// <summary>
    /// The references Import-OciArtifact collects for one bundle across pipeline records: the union of the
    /// references given, in order and without duplicates; empty (every entry) as soon as one record named
    /// none, because that record asked for the whole bundle.
    /// </summary>
    internal sealed class BundleSelectionBuilder
    {
        private readonly List<string> _references = new List<string>();
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
        private bool _everything;

        public BundleSelectionBuilder(string bundlePath)
        {
            BundlePath = bundlePath;
        }

        public string BundlePath { get; }

        /// <summary>What to import: empty means every entry.</summary>
        public IReadOnlyList<string> References => _everything ? (IReadOnlyList<string>)Array.Empty<string>() : _references.ToArray();

        /// <summary>Adds one record's references (already filtered of blanks and comments); none means "every entry".</summary>
        public void Add(IReadOnlyCollection<string> references)
        {
            if (references.Count == 0)
            {
                _everything = true;
                return;
            }

            foreach (string reference in references)
            {
                if (_seen.Add(reference))
                {
                    _references.Add(reference);
                }
            }
        }
    }
}
