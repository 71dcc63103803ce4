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
    /// <c>Import-OciArtifact</c>: pushes the artifacts of a bundle into a registry, keeping each repository
    /// path under <c>-Destination host[:port][/prefix]</c> and every digest. One import per bundle path; bundle
    /// paths bind from the pipeline (<c>Get-ChildItem E:\bundles | Import-OciArtifact -Destination …</c>).
    /// </summary>
    [Cmdlet(VerbsData.Import, "OciArtifact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(OciArtifactInfo))]
    public sealed class ImportOciArtifactCommand : OciRegistryCmdlet
    {
        /// <summary>The bundle directory. Literal (no wildcards); binds the PSPath of piped items.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
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

        /// <summary>Import only these entries (full names, tags or digests); all entries when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        [AllowEmptyCollection]
        public string?[]? Reference { get; set; }

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
        }

        protected override void ProcessRecord()
        {
            string? bundlePath = Sink.GetFileSystemPath(Path);
            if (bundlePath == null)
            {
                var notFileSystem = new ArgumentException($"The bundle path '{Path}' is not a file-system path.", nameof(Path));
                Sink.WriteError(new OciErrorInfo(notFileSystem, ErrorMapper.InvalidPathId, ErrorCategory.InvalidArgument, Path, "Pass a bundle directory on a file-system drive."));
                return;
            }

            if (!Sink.PathExists(bundlePath))
            {
                var missing = new ItemNotFoundException($"Cannot find the bundle '{bundlePath}' because it does not exist.");
                Sink.WriteError(new OciErrorInfo(missing, ErrorMapper.PathNotFoundId, ErrorCategory.ObjectNotFound, Path, "Check the path of the bundle written by Export-OciArtifact."));
                return;
            }

            var references = new List<string>();
            InputLines.AddReferences(Reference, references);
            var request = new ImportRequest
            {
                BundlePath = bundlePath,
                Destination = Destination,
                Scoped = Scoped.IsPresent,
                References = references.ToArray(),
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

            Sink.WriteVerbose(string.Format(
                CultureInfo.InvariantCulture,
                "Import of {0} into {1}: {2} copied, {3} skipped, {4} declined, {5} failed; {6} transferred.",
                bundlePath, Destination, summary.Copied, summary.Skipped, summary.Declined, summary.Failed, ByteFormatter.Format(summary.BytesCopied)));
        }
    }
}
