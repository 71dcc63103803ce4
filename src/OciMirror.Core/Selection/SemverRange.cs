using System;
using System.Collections.Generic;
using System.Linq;

namespace OciMirror.Core.Selection
{
    /// <summary>
    /// A semantic-version range in the constraint syntax of Masterminds/semver v3, the library behind
    /// skopeo's <c>images-by-semver</c> and regsync's <c>semverRange</c>: comparisons (<c>=</c>, <c>!=</c>,
    /// <c>&gt;</c>, <c>&lt;</c>, <c>&gt;=</c>, <c>&lt;=</c>, <c>~</c>, <c>~&gt;</c>, <c>^</c>, none) joined by
    /// spaces or commas (AND) and <c>||</c> (OR), wildcards (<c>1.2.x</c>, <c>1.*</c>, <c>*</c>) and hyphen
    /// ranges (<c>1.2 - 1.4.5</c> is <c>&gt;=1.2 &lt;=1.4.5</c>). Pre-release versions are admitted only by an
    /// AND group that names a pre-release itself (<c>&gt;=1.2.0-0</c>), or when the caller asks for them, as
    /// Masterminds applies it since v3.4. Immutable and thread-safe.
    /// </summary>
    public sealed class SemverRange
    {
        private static readonly string[] Operators = { "!=", ">=", "=>", "<=", "=<", "~>", ">", "<", "=", "~", "^" };

        private readonly IReadOnlyList<Group> _groups;

        private SemverRange(string text, IReadOnlyList<Group> groups)
        {
            Text = text;
            _groups = groups;
        }

        /// <summary>The range as written.</summary>
        public string Text { get; }

        /// <summary>Parses <paramref name="text"/>.</summary>
        /// <exception cref="FormatException">The text is empty or not a range; the message says which part is wrong.</exception>
        public static SemverRange Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new FormatException("A semantic-version range is empty; write one like '>=1.4 <2', '~1.2' or '^3'.");
            }

            var groups = new List<Group>();
            foreach (string group in text.Split(new[] { "||" }, StringSplitOptions.None))
            {
                groups.Add(ParseGroup(group));
            }

            return new SemverRange(text, groups);
        }

        /// <summary>
        /// True when <paramref name="version"/> satisfies one of the OR groups. A pre-release satisfies a
        /// group only when <paramref name="includePrereleases"/> or the group names a pre-release.
        /// </summary>
        public bool IsSatisfiedBy(SemanticVersion version, bool includePrereleases = false)
        {
            if (version == null)
            {
                throw new ArgumentNullException(nameof(version));
            }

            return _groups.Any(g => g.Comparators.All(c => c.IsSatisfiedBy(version, includePrereleases || g.NamesPrerelease)));
        }

        /// <summary>True when some group names a pre-release, so pre-releases are in play for this range.</summary>
        public bool NamesPrerelease => _groups.Any(g => g.NamesPrerelease);

        public override string ToString() => Text;

        private static Group ParseGroup(string text)
        {
            var comparators = new List<SemverComparator>();
            int i = SkipSpace(text, 0);
            while (i < text.Length)
            {
                string op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0) ?? string.Empty;
                int versionStart = SkipSpace(text, i + op.Length);
                (SemverComparator first, int end) = ParseBound(text, op, versionStart);
                int next = SkipSpace(text, end);

                // A hyphen range: "A - B" with spaces around the dash, neither side with an operator.
                if (op.Length == 0 && next > end && next < text.Length && text[next] == '-' && next + 1 < text.Length && char.IsWhiteSpace(text[next + 1]))
                {
                    (SemverComparator upper, int upperEnd) = ParseBound(text, "<=", SkipSpace(text, next + 1));
                    (first, _) = ParseBound(text, ">=", versionStart);
                    comparators.Add(first);
                    first = upper;
                    end = upperEnd;
                    next = SkipSpace(text, end);
                }

                comparators.Add(first);
                if (next < text.Length && text[next] == ',')
                {
                    next = SkipSpace(text, next + 1);
                }
                else if (next == end && next < text.Length)
                {
                    throw Invalid(text, $"'{text.Substring(i)}' is not a comparison; separate comparisons with spaces or commas");
                }

                i = next;
            }

            if (comparators.Count == 0)
            {
                throw Invalid(text, "a part between '||' is empty");
            }

            return new Group(comparators);
        }

        private static (SemverComparator Comparator, int End) ParseBound(string text, string op, int start)
        {
            var scanner = new VersionScanner(text, start);
            if (!scanner.TryReadNumbers(allowWildcards: true, out ulong?[] parts, out int firstOpen)
                || !scanner.TryReadSuffixes(out string prerelease, out _)
                || !SemanticVersion.IsValidPrerelease(prerelease))
            {
                string rest = text.Substring(Math.Min(start, text.Length)).Trim();
                throw Invalid(text, rest.Length == 0 ? $"'{op}' is not followed by a version" : $"'{rest}' does not start with a version");
            }

            // Parts from the first open one on are 0: 1.x is 1.0.0, * is 0.0.0 (the pre-release stays).
            ulong Part(int index) => index < firstOpen ? parts[index]!.Value : 0;
            return (new SemverComparator(op, SemanticVersion.Create(Part(0), Part(1), Part(2), prerelease), firstOpen), scanner.Position);
        }

        private static int SkipSpace(string text, int i)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            return i;
        }

        private static FormatException Invalid(string group, string why) =>
            new FormatException($"Invalid semantic-version range '{group.Trim()}': {why}. Write comparisons like '>=1.4 <2', '~1.2', '^3', '1.2.x' or '1.2 - 1.4', joined by '||'.");

        private sealed class Group
        {
            public Group(IReadOnlyList<SemverComparator> comparators)
            {
                Comparators = comparators;
                NamesPrerelease = comparators.Any(c => c.Bound.IsPrerelease);
            }

            public IReadOnlyList<SemverComparator> Comparators { get; }

            public bool NamesPrerelease { get; }
        }
    }
}
