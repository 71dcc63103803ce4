using System;
using System.CommandLine;
using OciMirror.Core.Selection;

namespace OciMirror.Cli
{
    /// <summary>
    /// The tag selection flags of <c>tags</c> and <c>sync</c> (one repository as the source): <c>--include</c>,
    /// <c>--exclude</c> (wildcards), <c>--include-regex</c>, <c>--exclude-regex</c>, <c>--semver</c>,
    /// <c>--latest</c>, <c>--prereleases</c>, <c>--digest-tags</c>. One instance per command.
    /// </summary>
    internal sealed class SelectionOptions
    {
        public Option<string[]> Include { get; } = new Option<string[]>("--include")
        {
            Description = "Keep only tags matching this wildcard pattern (* ? [a-z]) or an --include-regex; repeatable.",
        };

        public Option<string[]> Exclude { get; } = new Option<string[]>("--exclude")
        {
            Description = "Drop tags matching this wildcard pattern; repeatable.",
        };

        public Option<string[]> IncludeRegex { get; } = new Option<string[]>("--include-regex")
        {
            Description = "Keep only tags this regular expression matches (anywhere, unless anchored with ^ $) or an --include pattern matches; repeatable.",
        };

        public Option<string[]> ExcludeRegex { get; } = new Option<string[]>("--exclude-regex")
        {
            Description = "Drop tags this regular expression matches; repeatable.",
        };

        public Option<string?> Semver { get; } = new Option<string?>("--semver")
        {
            Description = "Keep only tags that are semantic versions in this range (Masterminds syntax, as skopeo's images-by-semver): '>=1.4 <2', '~1.2', '^3', '1.2.x', '1.2 - 1.4', '||'.",
        };

        public Option<int?> Latest { get; } = new Option<int?>("--latest")
        {
            Description = "Keep only the tags of the N highest semantic versions left after the other filters.",
        };

        public Option<bool> Prereleases { get; } = new Option<bool>("--prereleases")
        {
            Description = "Let pre-release versions (1.2.0-rc.1) through --semver and count them in --latest.",
        };

        public Option<string?> DigestTags { get; } = new Option<string?>("--digest-tags")
        {
            Description = "cosign/referrers digest tags (sha256-<hex>[.sig|.att|.sbom]): include (as ordinary tags), exclude, or with-images (kept exactly with the selected images they name).",
        };

        /// <summary>Adds the options to <paramref name="command"/>.</summary>
        public void AddTo(Command command)
        {
            command.Options.Add(Include);
            command.Options.Add(Exclude);
            command.Options.Add(IncludeRegex);
            command.Options.Add(ExcludeRegex);
            command.Options.Add(Semver);
            command.Options.Add(Latest);
            command.Options.Add(Prereleases);
            command.Options.Add(DigestTags);
        }

        /// <summary>The selection the flags describe, validated.</summary>
        /// <param name="defaultDigestTags">The digest-tag mode when <c>--digest-tags</c> is not given.</param>
        /// <exception cref="UsageException">An invalid regular expression, range, <c>--latest</c> or <c>--digest-tags</c> value.</exception>
        public TagSelection Read(ParseResult parse, DigestTagMode defaultDigestTags)
        {
            int? latest = parse.GetValue(Latest);
            if (latest != null && latest < 1)
            {
                throw new UsageException($"--latest must be 1 or more (got {latest}).");
            }

            var selection = new TagSelection
            {
                Include = parse.GetValue(Include) ?? Array.Empty<string>(),
                Exclude = parse.GetValue(Exclude) ?? Array.Empty<string>(),
                IncludeRegex = parse.GetValue(IncludeRegex) ?? Array.Empty<string>(),
                ExcludeRegex = parse.GetValue(ExcludeRegex) ?? Array.Empty<string>(),
                SemverRange = parse.GetValue(Semver),
                Latest = latest,
                Prereleases = parse.GetValue(Prereleases),
                DigestTags = ParseDigestTags(parse.GetValue(DigestTags)) ?? defaultDigestTags,
            };
            try
            {
                selection.Compile();
            }
            catch (FormatException e)
            {
                throw new UsageException(e.Message);
            }

            return selection;
        }

        /// <summary>include, exclude or with-images (case-insensitive); null for null.</summary>
        /// <exception cref="UsageException">Another value.</exception>
        internal static DigestTagMode? ParseDigestTags(string? value)
        {
            switch (value?.Trim().ToLowerInvariant())
            {
                case null: return null;
                case "include": return DigestTagMode.Include;
                case "exclude": return DigestTagMode.Exclude;
                case "with-images": return DigestTagMode.WithImages;
                default: throw new UsageException($"--digest-tags must be include, exclude or with-images (got '{value}').");
            }
        }
    }
}
