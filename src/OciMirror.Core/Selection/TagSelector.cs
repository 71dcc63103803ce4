using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using OciMirror.Core.Model;

namespace OciMirror.Core.Selection
{
    /// <summary>
    /// A validated <see cref="TagSelection"/>, applied to tag lists (see the order there). Results keep the
    /// order of the input list. Immutable and thread-safe.
    /// </summary>
    public sealed class TagSelector
    {
        /// <summary>How long one regular expression may run on one tag before the selection fails (catastrophic backtracking).</summary>
        internal static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(2);

        private readonly List<WildcardPattern> _include;
        private readonly List<Regex> _includeRegex;
        private readonly List<WildcardPattern> _exclude;
        private readonly List<Regex> _excludeRegex;
        private readonly SemverRange? _range;

        /// <exception cref="FormatException">A regular expression or the range is invalid.</exception>
        internal TagSelector(TagSelection selection)
        {
            Selection = selection ?? throw new ArgumentNullException(nameof(selection));
            _include = Patterns(selection.Include);
            _exclude = Patterns(selection.Exclude);
            _includeRegex = selection.IncludeRegex.Where(p => !string.IsNullOrEmpty(p)).Select(CompileRegex).ToList();
            _excludeRegex = selection.ExcludeRegex.Where(p => !string.IsNullOrEmpty(p)).Select(CompileRegex).ToList();
            _range = string.IsNullOrWhiteSpace(selection.SemverRange) ? null : SemverRange.Parse(selection.SemverRange!);
        }

        public TagSelection Selection { get; }

        /// <summary>True when the result may need digest tags attached (<see cref="DigestTagMode.WithImages"/>).</summary>
        public bool AttachesDigestTags => Selection.DigestTags == DigestTagMode.WithImages;

        /// <summary>Compiles a tag regular expression as selections use it (unanchored, culture-invariant, with a time limit).</summary>
        /// <exception cref="FormatException">The pattern is not a regular expression; the message names it.</exception>
        public static Regex CompileRegex(string pattern)
        {
            try
            {
                return new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"Invalid regular expression '{pattern}': {e.Message}", e);
            }
        }

        /// <summary>
        /// Applies the selection to <paramref name="tags"/> (a repository's list). Digest tags set aside by
        /// <see cref="DigestTagMode.WithImages"/> come back in <see cref="TagSelectionResult.DigestTags"/> for
        /// <see cref="AttachDigestTags"/> once the kept tags' digests are known.
        /// </summary>
        /// <exception cref="FormatException">A regular expression ran longer than <see cref="RegexTimeout"/> on a tag.</exception>
        public TagSelectionResult Select(IEnumerable<string> tags)
        {
            var kept = new List<string>();
            var digestTags = new List<string>();
            foreach (string tag in tags ?? throw new ArgumentNullException(nameof(tags)))
            {
                if (Selection.DigestTags != DigestTagMode.Include && DigestTag.IsDigestTag(tag))
                {
                    if (Selection.DigestTags == DigestTagMode.WithImages)
                    {
                        digestTags.Add(tag);
                    }

                    continue;
                }

                if (Included(tag) && InRange(tag) && !Excluded(tag))
                {
                    kept.Add(tag);
                }
            }

            return new TagSelectionResult(Selection.Latest == null ? kept : LatestOf(kept, Selection.Latest.Value), digestTags);
        }

        /// <summary>The digest tags among <paramref name="digestTags"/> that name one of <paramref name="subjects"/>, in input order.</summary>
        public static IReadOnlyList<string> AttachDigestTags(IEnumerable<string> digestTags, IEnumerable<Digest> subjects)
        {
            var wanted = new HashSet<Digest>(subjects);
            return digestTags.Where(t => DigestTag.TryParse(t, out Digest subject) && wanted.Contains(subject)).ToList();
        }

        private static List<WildcardPattern> Patterns(IEnumerable<string> patterns) =>
            patterns.Where(p => !string.IsNullOrEmpty(p)).Select(p => new WildcardPattern(p)).ToList();

        private static bool Matches(Regex regex, string tag)
        {
            try
            {
                return regex.IsMatch(tag);
            }
            catch (RegexMatchTimeoutException e)
            {
                throw new FormatException($"The regular expression '{regex}' ran longer than {RegexTimeout.TotalSeconds:0} s on the tag '{tag}'; simplify it.", e);
            }
        }

        private bool Included(string tag) =>
            (_include.Count == 0 && _includeRegex.Count == 0) || _include.Any(p => p.IsMatch(tag)) || _includeRegex.Any(r => Matches(r, tag));

        private bool Excluded(string tag) => _exclude.Any(p => p.IsMatch(tag)) || _excludeRegex.Any(r => Matches(r, tag));

        private bool InRange(string tag)
        {
            if (_range == null)
            {
                return true;
            }

            SemanticVersion? version = SemanticVersion.TryParseTag(tag);
            return version != null && _range.IsSatisfiedBy(version, Selection.Prereleases);
        }

        /// <summary>The tags of the <paramref name="count"/> highest distinct versions (tags that parse to one version count once), in input order.</summary>
        private List<string> LatestOf(List<string> tags, int count)
        {
            bool prereleases = Selection.Prereleases || (_range?.NamesPrerelease ?? false);
            var versions = tags
                .Select(t => (Tag: t, Version: SemanticVersion.TryParseTag(t)))
                .Where(v => v.Version != null && (prereleases || !v.Version.IsPrerelease))
                .ToList();
            var top = versions.Select(v => v.Version!).OrderByDescending(v => v).Aggregate(new List<SemanticVersion>(), (distinct, v) =>
            {
                if (distinct.Count < count && (distinct.Count == 0 || distinct[distinct.Count - 1].CompareTo(v) != 0))
                {
                    distinct.Add(v);
                }

                return distinct;
            });
            SemanticVersion? lowest = top.Count == 0 ? null : top[top.Count - 1];
            return versions.Where(v => lowest != null && v.Version!.CompareTo(lowest) >= 0).Select(v => v.Tag).ToList();
        }
    }
}
