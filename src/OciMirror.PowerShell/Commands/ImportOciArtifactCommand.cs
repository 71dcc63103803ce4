using System;
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
    /// <c>Import-OciArtifact</c>: pushes the artifacts of a bundle (a directory, .tar or .tgz) into a registry,
    /// keeping each repository path under <c>-Destination host[:port][/prefix]</c> and every digest. Bundle
    /// paths and references bind from the pipeline (<c>Get-ChildItem E:\bundles | Import-OciArtifact …</c>,
    /// <c>Get-OciBundle b.tar | Where-Object … | Import-OciArtifact …</c>); input is collected and grouped by
    /// bundle, and EndProcessing runs one import per bundle with the union of its references (all entries
    /// when any input for that bundle named none).
    /// </summary>
    [Cmdlet(VerbsData.Import, "OciArtifact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(OciArtifactInfo))]
    public sealed class ImportOciArtifactCommand : OciPlatformCmdlet
    {
        // Pipeline input grouped by bundle, in order of first appearance: one import per bundle serves
        // every piped object of that bundle (Get-OciBundle output), so shared blobs are pushed once.
        private readonly Dictionary<string, BundleSelectionBuilder> _bundles = new Dictionary<string, BundleSelectionBuilder>(StringComparer.Ordinal);
        private readonly List<BundleSelectionBuilder> _order = new List<BundleSelectionBuilder>();
        private Core.Platforms.PlatformFilter? _platforms;

        /// <summary>The bundle: a directory, .tar or .tgz. Literal (no wildcards); binds piped strings and the Path/PSPath of piped items.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("LiteralPath", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The registry and optional repository prefix: <c>host[:port][/prefix]</c>.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = string.Empty;

        /// <summary>Keep the source registry as the first path segment (<c>host/docker.io/library/nginx</c>).</summary>
        [Parameter]
        public SwitchParameter Scoped { get; set; }

        /// <summary>
        /// Repository on the destination where a one-pass import (a .tgz) uploads blobs before index.json
        /// names them; default <c>&lt;prefix&gt;/ocimirror-staging</c>. Nothing is ever tagged there.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StagingRepository { get; set; }

        /// <summary>
        /// A one-pass import (a .tgz) uploads blobs that no manifest read so far names only while their total
        /// stays within this many bytes (default 8 GiB; 0: no limit); a blob past it is only verified, and an
        /// artifact that needs it fails.
        /// </summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long StagingLimit { get; set; } = ImportRequest.DefaultStagingLimit;

        /// <summary>Import only these entries (full names, tags or digests); all entries when omitted. Binds the Reference property of Get-OciBundle objects.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        [AllowEmptyCollection]
        public string?[]? Reference { get; set; }

        /// <summary>
        /// The tag to set on what is imported instead of the entry's own, for example for the single untagged root of
        /// a layout (or the one -Platform chosen from it); needs exactly one selected entry (see -Reference).
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Tag { get; set; }

        /// <summary>Parallel blob transfers, 1–64 (default 4).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        protected override void BeginProcessing()
        {
            try
            {
                RegistryDestination.Parse(Destination);
            }
            catch (OciException e)
            {
                throw Terminate(new OciErrorInfo(e, ErrorMapper.ErrorId(OciErrorKind.InvalidDestination), ErrorCategory.InvalidArgument, Destination,
                    "Write -Destination as host[:port][/prefix], for example registry.corp.local or localhost:5000/mirror."));
            }

            if (Tag != null && !Core.References.Reference.IsValidTag(Tag))
            {
                var invalid = new OciException(OciErrorKind.InvalidReference, $"Tag '{Tag}' is not valid (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-').");
                throw Terminate(new OciErrorInfo(invalid, ErrorMapper.ErrorId(OciErrorKind.InvalidReference), ErrorCategory.InvalidArgument, Tag, "Give a tag such as v1 or 1.2.3."));
            }

            _platforms = CreatePlatformFilter();
        }

        protected override void ProcessRecord()
        {
            string? bundlePath = BundlePath.Resolve(Sink, Path, out OciErrorInfo? error);
            if (bundlePath == null)
            {
                Sink.WriteError(error!);
                return;
            }

            var references = new List<string>();
            InputLines.AddReferences(Reference, references);
            if (!_bundles.TryGetValue(bundlePath, out BundleSelectionBuilder? selection))
            {
                selection = new BundleSelectionBuilder(bundlePath);
                _bundles.Add(bundlePath, selection);
                _order.Add(selection);
            }

            selection.Add(references);
        }

        protected override void EndProcessing()
        {
            foreach (BundleSelectionBuilder bundle in _order)
            {
                Import(bundle.BundlePath, bundle.References);
            }
        }

        private void Import(string bundlePath, IReadOnlyList<string> references)
        {
            var request = new ImportRequest
            {
                BundlePath = bundlePath,
                Destination = Destination,
                Scoped = Scoped.IsPresent,
                StagingRepository = StagingRepository,
                StagingLimit = StagingLimit,
                Tag = Tag,
                Platforms = _platforms ?? Core.Platforms.PlatformFilter.None,
                References = references,
                Target = CreateAccessOptions(),
                Concurrency = ThrottleLimit,
            };

            OperationSummary summary;
            try
            {
                string activity = string.Format(CultureInfo.InvariantCulture, "Importing {0} into {1}", bundlePath, Destination);
                summary = RunEngine(activity, (observer, token) => Engine.ImportAsync(request, observer, token));
            }
            catch (OciException e)
            {
                throw Terminate(ErrorMapper.ForException(e, e.Path ?? bundlePath));
            }

            Sink.WriteVerbose(SummaryText.Of("Import of " + bundlePath + " into " + Destination, summary));
        }
    }
}
