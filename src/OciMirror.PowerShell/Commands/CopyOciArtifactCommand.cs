using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.Core.References;
using OciMirror.PowerShell.Common;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Commands
{
    /// <summary>
    /// <c>Copy-OciArtifact</c>: copies artifacts from registries to a registry without a bundle in between,
    /// digests unchanged. References come from the pipeline (strings, Get-Content lines, Get-OciTag objects) and
    /// are copied in one run in EndProcessing, so a blob shared by several references is read once. Each side
    /// has its own connection parameters (-Source…, -Destination…) over the shared ones.
    /// </summary>
    [Cmdlet(VerbsCommon.Copy, "OciArtifact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = RegistrySet)]
    [OutputType(typeof(OciArtifactInfo))]
    public sealed class CopyOciArtifactCommand : OciTwoSidedCmdlet
    {
        private const string RegistrySet = "Registry";
        private const string RenameSet = "Rename";
        private readonly List<string> _references = new List<string>();

        /// <summary>
        /// Source references. Binds pipeline strings (lines of a file) and the <c>Reference</c> property of piped
        /// objects (Get-OciTag output). Blank lines and <c>#</c> comments are skipped.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Image", "Ref")]
        [AllowEmptyString]
        [AllowNull]
        [AllowEmptyCollection]
        public string?[]? Reference { get; set; }

        /// <summary>The destination registry and optional prefix, <c>host[:port][/prefix]</c>: each reference keeps its repository path under it. Not pipeline-bindable.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = RegistrySet)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = string.Empty;

        /// <summary>The one destination of a single reference (<c>host/repo[:tag]</c>; without a tag the source's is kept).</summary>
        [Parameter(Mandatory = true, ParameterSetName = RenameSet)]
        [ValidateNotNullOrEmpty]
        public string DestinationReference { get; set; } = string.Empty;

        /// <summary>Keep the source registry as the first path segment under -Destination (a port's ':' becomes '_').</summary>
        [Parameter(ParameterSetName = RegistrySet)]
        public SwitchParameter Scoped { get; set; }

        /// <summary>Parallel transfers, 1–64 (default 4).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>The Rename parameter set (decided by its mandatory parameter, so it also holds outside a runspace).</summary>
        private bool IsRename => !string.IsNullOrEmpty(DestinationReference);

        protected override void BeginProcessing()
        {
            if (IsRename)
            {
                return;
            }

            try
            {
                RegistryDestination.Parse(Destination);
            }
            catch (OciException e)
            {
                throw Terminate(new OciErrorInfo(e, ErrorMapper.ErrorId(OciErrorKind.InvalidDestination), ErrorCategory.InvalidArgument, Destination,
                    "Write -Destination as host[:port][/prefix], for example registry.corp.local or localhost:5000/mirror."));
            }
        }

        protected override void ProcessRecord() => InputLines.AddReferences(Reference, _references);

        protected override void EndProcessing()
        {
            if (_references.Count == 0)
            {
                Sink.WriteVerbose("No references to copy.");
                return;
            }

            bool rename = IsRename;
            var request = new CopyRequest
            {
                References = _references.ToArray(),
                Destination = rename ? null : Destination,
                DestinationReference = rename ? DestinationReference : null,
                Scoped = Scoped.IsPresent,
                Platforms = CreatePlatformFilter(),
                Source = CreateSourceAccessOptions(),
                Target = CreateDestinationAccessOptions(),
                Concurrency = ThrottleLimit,
            };

            string target = rename ? DestinationReference : Destination;
            OperationSummary summary;
            try
            {
                string activity = string.Format(CultureInfo.InvariantCulture, "Copying {0} artifact(s) to {1}", _references.Count, target);
                summary = RunEngine(activity, (observer, token) => Engine.CopyAsync(request, observer, token));
            }
            catch (OciException e)
            {
                throw Terminate(ErrorMapper.ForException(e, e.Reference ?? target));
            }

            Sink.WriteVerbose(SummaryText.Of("Copy to " + target, summary));
        }
    }
}
