using System;
using System.Globalization;
using System.Management.Automation;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Errors;
using OciMirror.Core.Platforms;
using OciMirror.PowerShell.Common;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Commands
{
    /// <summary>
    /// <c>Save-OciArtifact</c>: pulls the files of an artifact (pushed by Publish-OciArtifact or oras push) into a
    /// directory by their titles; directory layers are unpacked. Each piped reference is pulled in turn. Writes one
    /// <see cref="OciPulledFile"/> per file; a failed artifact is a non-terminating error.
    /// </summary>
    [Cmdlet(VerbsData.Save, "OciArtifact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(OciPulledFile))]
    public sealed class SaveOciArtifactCommand : OciRegistryCmdlet
    {
        private string? _output;
        private PlatformFilter _platforms = PlatformFilter.None;

        /// <summary>The artifact: <c>registry/repository:tag</c>, <c>…@sha256:digest</c>, or a bundle <c>oci:PATH[:NAME]</c>. Binds pipeline strings and the Reference property of piped objects.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Image", "Ref")]
        [ValidateNotNullOrEmpty]
        public string Reference { get; set; } = string.Empty;

        /// <summary>The directory to write into (created when missing); default the current location.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>For a multi-platform index: the platform whose files to pull, <c>os/arch[/variant][:os.version]</c>.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Platform { get; set; }

        /// <summary>Parallel downloads, 1–64 (default 4).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        protected override void BeginProcessing()
        {
            _output = Sink.GetFileSystemPath(Path ?? ".");
            if (_output == null)
            {
                var notFileSystem = new ArgumentException($"The output path '{Path}' is not a file-system path.", nameof(Path));
                throw Terminate(new OciErrorInfo(notFileSystem, ErrorMapper.InvalidPathId, ErrorCategory.InvalidArgument, Path, "Pass a directory on a file-system drive."));
            }

            try
            {
                _platforms = PlatformFilter.Parse(Platform == null ? null : new[] { Platform }, filterIndex: false, preserveDigests: false);
            }
            catch (OciException e)
            {
                throw Terminate(ErrorMapper.ForException(e, Platform));
            }
        }

        protected override void ProcessRecord()
        {
            string? source = LocationArgument.Resolve(Sink, Reference, nameof(Reference), out OciErrorInfo? error);
            if (source == null)
            {
                Sink.WriteError(error!);
                return;
            }

            var request = new PullRequest { Source = source, OutputDirectory = _output!, Platforms = _platforms, Access = CreateAccessOptions(), Concurrency = ThrottleLimit };
            PullResult result;
            try
            {
                string activity = string.Format(CultureInfo.InvariantCulture, "Pulling {0} to {1}", Reference, _output);
                result = RunEngine(activity, (observer, token) => Engine.PullAsync(request, observer, token));
            }
            catch (OciException e)
            {
                throw Terminate(ErrorMapper.ForException(e, e.Path ?? Reference));
            }

            if (result.Note != null)
            {
                Sink.WriteVerbose(Reference + ": " + result.Note + ".");
            }

            foreach (PulledFile file in result.Files)
            {
                Sink.WriteObject(OutputMapper.ToPulledFile(Reference, file));
            }

            if (result.Error != null)
            {
                Sink.WriteError(ErrorMapper.ForException(result.Error, Reference));
            }
        }
    }
}
