using System;
using System.Collections.Generic;
using OciMirror.Core.Content;
using OciMirror.Core.Model;

namespace OciMirror.Core.Referrers
{
    /// <summary>Subjects of a bundle mapped to the referrers it holds for them; built once, then read-only.</summary>
    internal sealed class BundleReferrerMap
    {
        private readonly Dictionary<Digest, List<ReferrerCandidate>> _bySubject = new Dictionary<Digest, List<ReferrerCandidate>>();
        private readonly List<BundleEntry> _tagIndexes = new List<BundleEntry>();

        /// <summary>Referrers tag-schema index entries (<c>sha256-&lt;hex&gt;</c>): listings, not artifacts of their own.</summary>
        public IReadOnlyList<BundleEntry> TagIndexes => _tagIndexes;

        public IReadOnlyList<ReferrerCandidate> Of(Digest subject) =>
            _bySubject.TryGetValue(subject, out List<ReferrerCandidate>? list) ? list : (IReadOnlyList<ReferrerCandidate>)Array.Empty<ReferrerCandidate>();

        /// <summary>Every candidate of every subject, each with its subject.</summary>
        public IEnumerable<(Digest Subject, ReferrerCandidate Candidate)> All()
        {
            foreach (KeyValuePair<Digest, List<ReferrerCandidate>> pair in _bySubject)
            {
                foreach (ReferrerCandidate candidate in pair.Value)
                {
                    yield return (pair.Key, candidate);
                }
            }
        }

        public void Add(Digest subject, ReferrerCandidate candidate)
        {
            if (!_bySubject.TryGetValue(subject, out List<ReferrerCandidate>? list))
            {
                list = new List<ReferrerCandidate>();
                _bySubject.Add(subject, list);
            }

            list.Add(candidate);
        }

        public void AddTagIndex(BundleEntry entry) => _tagIndexes.Add(entry);
    }
}
