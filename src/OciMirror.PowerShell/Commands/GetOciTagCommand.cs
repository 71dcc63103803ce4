using System.Collections.Generic;
using System.Management.Automation;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Common;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Commands
{
    /// <summary>
    /// <c>Get-OciTag</c>: lists the tags of repositories, selected by wildcards, regular expressions, a semver
    /// range, latest-N and digest-tag handling (Core's TagSelection). The output pipes
    /// into Export-OciArtifact. A repository that cannot be listed is a non-terminating error; the next
    /// repository is still listed.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "OciTag")]
    [OutputType(typeof(OciTagInfo))]
    public sealed class GetOciTagCommand : OciRegistryCmdlet
    {
        /// <summary>
        /// Repositories to list (<c>nginx</c>, <c>ghcr.io/org/app</c>); a tag or digest in the name is ignored.
        /// Blank lines and <c>#</c> comments are skipped, so <c>Get-Content repos.txt | Get-OciTag</c> works
        /// (a Mandatory string parameter would otherwise reject every blank line with a binding error).
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        [AllowEmptyCollection]
        public string?[]? Repository { get; set; } = new string[0];

        /// <summary>Keep only tags matching one of these wildcard patterns (<c>*</c>, <c>?</c>) or an -IncludeRegex.</summary>
        [Parameter]
        [SupportsWildcards]
        public string[]? Include { get; set; }

        /// <summary>Drop tags matching one of these wildcard patterns.</summary>
        [Parameter]
        [SupportsWildcards]
        public string[]? Exclude { get; set; }

        /// <summary>Keep only tags one of these regular expressions matches (anywhere in the tag unless anchored), or an -Include pattern matches.</summary>
        [Parameter]
        public string[]? IncludeRegex { get; set; }

        /// <summary>Drop tags one of these regular expressions matches.</summary>
        [Parameter]
        public string[]? ExcludeRegex { get; set; }

        /// <summary>Keep only tags that are semantic versions in this range (Masterminds syntax, as skopeo's images-by-semver): <c>'&gt;=1.4 &lt;2'</c>, <c>'~1.2'</c>, <c>'^3'</c>.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SemVer { get; set; }

        /// <summary>Keep only the tags of the N highest semantic versions left after the other filters.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Latest { get; set; }

        /// <summary>Let pre-release versions through -SemVer and count them in -Latest.</summary>
        [Parameter]
        public SwitchParameter IncludePrerelease { get; set; }

        /// <summary>cosign/referrers digest tags (<c>sha256-&lt;hex&gt;.sig</c>…): Include (as ordinary tags, the default), Exclude, or WithImages (kept exactly with the selected images they name).</summary>
        [Parameter]
        [ValidateSet("Include", "Exclude", "WithImages", IgnoreCase = true)]
        public string? DigestTag { get; set; }

        /// <summary>Also resolve the digest of each tag (one HEAD request per tag).</summary>
        [Parameter]
        public SwitchParameter ResolveDigest { get; set; }

        protected override void BeginProcessing()
        {
            try
            {
                SelectionParameters.Build(Include, Exclude, IncludeRegex, ExcludeRegex, SemVer, Latest, IncludePrerelease.IsPresent, DigestTag).Compile();
            }
            catch (System.FormatException e)
            {
                throw Terminate(SelectionParameters.InvalidSelection(e));
            }
        }

        protected override void ProcessRecord()
        {
            var repositories = new List<string>();
            InputLines.AddReferences(Repository, repositories);
            foreach (string repository in repositories)
            {
                var request = new TagListRequest
                {
                    Repository = repository,
                    Selection = SelectionParameters.Build(Include, Exclude, IncludeRegex, ExcludeRegex, SemVer, Latest, IncludePrerelease.IsPresent, DigestTag),
                    ResolveDigests = ResolveDigest.IsPresent,
                    Source = CreateAccessOptions(),
                };

                IReadOnlyList<TagInfo> tags;
                try
                {
                    tags = RunEngine("Listing tags of " + repository, (observer, token) => Engine.ListTagsAsync(request, observer, token));
                }
                catch (OciException e)
                {
                    Sink.WriteError(ErrorMapper.ForException(e, repository));
                    continue;
                }

                foreach (TagInfo tag in tags)
                {
                    Sink.WriteObject(OutputMapper.ToTagInfo(tag));
                }
            }
        }
    }
}
