using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Common;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Commands
{
    /// <summary>
    /// <c>Export-OciArtifact</c>: copies artifacts from registries into one bundle: an OCI image layout
    /// directory, .tar, .tgz or .tar.zst, whole or split into volumes (the engine streams archives; the cmdlet only names the format). References are collected from the pipeline and exported in one run in EndProcessing, so
    /// content shared by several references is fetched and stored once.
    /// </summary>
    [Cmdlet(VerbsData.Export, "OciArtifact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(OciArtifactInfo))]
    public sealed class ExportOciArtifactCommand : OciPlatformCmdlet
    {
        private readonly List<string> _references = new List<string>();
        private string? _bundlePath;
        private Core.Platforms.PlatformFilter? _platforms;

        /// <summary>
        /// References to export. Binds pipeline strings (lines of a file) and the <c>Reference</c> property
        /// of piped objects (Get-OciTag output). Blank lines and <c>#</c> comments are skipped.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Image", "Ref")]
        [AllowEmptyString]
        [AllowNull]
        [AllowEmptyCollection]
        public string?[]? Reference { get; set; }

        /// <summary>
        /// The bundle: a directory (created when missing), or a .tar, .tgz/.tar.gz or .tar.zst/.tzst file (see -Format). An
        /// existing bundle is updated: entries already present are skipped. Deliberately not pipeline-bindable and without a
        /// PSPath alias: every line from Get-Content carries a PSPath property that would bind to it.
        /// </summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>
        /// How to store the bundle: Directory (an OCI image layout), Tar, TarGzip or TarZstd. Default: from
        /// the -Path extension (.tar → Tar, .tgz or .tar.gz → TarGzip, .tar.zst or .tzst → TarZstd, anything
        /// else → Directory; an archive extension that is not a bundle format, such as .zip, is refused
        /// unless Directory is given).
        /// </summary>
        [Parameter]
        [ValidateSet("Directory", "Tar", "TarGzip", "TarZstd", IgnoreCase = true)]
        public string? Format { get; set; }

        /// <summary>
        /// Writes the archive as PATH.001, PATH.002, … of at most this many bytes each, for media with a
        /// file-size limit (FAT32 holds no file of 4 GiB or more: use 4095MB). A number (4095MB) or a string
        /// with a K, M, G or T suffix ('4095M'), binary units. Archive formats only.
        /// </summary>
        [Parameter]
        [SplitSizeTransformation]
        [ValidateRange(Core.Volumes.SplitSize.Minimum, long.MaxValue)]
        public long? SplitSize { get; set; }

        /// <summary>Parallel blob transfers, 1–64 (default 4).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        protected override void BeginProcessing()
        {
            _bundlePath = Sink.GetFileSystemPath(Path);
            if (_bundlePath == null)
            {
                var notFileSystem = new ArgumentException($"The bundle path '{Path}' is not a file-system path.", nameof(Path));
                throw Terminate(new OciErrorInfo(notFileSystem, ErrorMapper.ErrorId(OciErrorKind.InvalidDestination), ErrorCategory.InvalidArgument, Path,
                    "Pass a directory on a file-system drive, for example E:\\bundle or ./bundle."));
            }

            _platforms = CreatePlatformFilter();
        }

        protected override void ProcessRecord() => InputLines.AddReferences(Reference, _references);

        protected override void EndProcessing()
        {
            if (_references.Count == 0)
            {
                Sink.WriteVerbose("No references to export.");
                return;
            }

            var request = new ExportRequest
            {
                References = _references.ToArray(),
                BundlePath = _bundlePath!,
                Format = ParseFormat(Format),
                SplitSize = SplitSize,
                Platforms = _platforms ?? Core.Platforms.PlatformFilter.None,
                Source = CreateAccessOptions(),
                Concurrency = ThrottleLimit,
            };

            OperationSummary summary;
            try
            {
                string activity = string.Format(CultureInfo.InvariantCulture, "Exporting {0} artifact(s) to {1}", _references.Count, _bundlePath);
                summary = RunEngine(activity, (observer, token) => Engine.ExportAsync(request, observer, token));
            }
            catch (OciException e)
            {
                throw Terminate(ErrorMapper.ForException(e, e.Path ?? _bundlePath));
            }

            Sink.WriteVerbose(SummaryText.Of("Export to " + _bundlePath, summary));
        }

        /// <summary>The engine's format for the -Format value; null lets the engine decide from the extension.</summary>
        internal static ArchiveFormat? ParseFormat(string? format) =>
            string.IsNullOrEmpty(format) ? (ArchiveFormat?)null : (ArchiveFormat)Enum.Parse(typeof(ArchiveFormat), format, ignoreCase: true);
    }
}
