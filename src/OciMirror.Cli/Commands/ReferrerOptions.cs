using System;
using System.Collections.Generic;
using System.CommandLine;

namespace OciMirror.Cli.Commands
{
    /// <summary>
    /// <c>--no-referrers</c> and <c>--referrer-type T</c> (repeatable) of <c>export</c>, <c>import</c>, <c>copy</c> and <c>sync</c>:
    /// referrers (signatures, SBOMs, attestations, cosign digest tags) travel with their subjects unless
    /// turned off, optionally only some artifact types.
    /// </summary>
    internal sealed class ReferrerOptions
    {
        public Option<bool> NoReferrers { get; } = new Option<bool>("--no-referrers")
        {
            Description = "Do not carry referrers (signatures, SBOMs, attestations found by the referrers API, the sha256-<hex> tag schema or cosign .sig/.att/.sbom tags) with the artifacts.",
        };

        public Option<string[]> ReferrerType { get; } = new Option<string[]>("--referrer-type")
        {
            Description = "Carry only referrers of this artifact type (a media type, for example application/spdx+json); repeatable. Default: every type.",
        };

        public void AddTo(Command command)
        {
            command.Options.Add(NoReferrers);
            command.Options.Add(ReferrerType);
        }

        /// <summary>False when <c>--no-referrers</c> was given.</summary>
        /// <exception cref="UsageException">Both options were given.</exception>
        public bool IncludeOf(ParseResult parse)
        {
            bool none = parse.GetValue(NoReferrers);
            if (none && TypesOf(parse).Count > 0)
            {
                throw new UsageException("--no-referrers and --referrer-type contradict each other: give one of them.");
            }

            return !none;
        }

        public IReadOnlyList<string> TypesOf(ParseResult parse) => parse.GetValue(ReferrerType) ?? Array.Empty<string>();
    }
}
