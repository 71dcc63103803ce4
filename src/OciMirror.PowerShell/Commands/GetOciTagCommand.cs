using System.Collections.Generic;
using System.Management.Automation;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Common;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Commands
{
    /// <summary>
    /// <c>Get-OciTag</c>: lists the tags of repositories, filtered by wildcard patterns. The output pipes
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

        /// <summary>Keep only tags matching one of these wildcard patterns (<c>*</c>, <c>?</c>).</summary>
        [Parameter]
        [SupportsWildcards]
        public string[]? Include { get; set; }

        /// <summary>Drop tags matching one of these wildcard patterns.</summary>
        [Parameter]
        [SupportsWildcards]
        public string[]? Exclude { get; set; }

        /// <summary>Also resolve the digest of each tag (one HEAD request per tag).</summary>
        [Parameter]
        public SwitchParameter ResolveDigest { get; set; }

        protected override void ProcessRecord()
        {
            var repositories = new List<string>();
            InputLines.AddReferences(Repository, repositories);
            foreach (string repository in repositories)
            {
                var request = new TagListRequest
                {
                    Repository = repository,
                    Include = Include ?? new string[0],
                    Exclude = Exclude ?? new string[0],
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
