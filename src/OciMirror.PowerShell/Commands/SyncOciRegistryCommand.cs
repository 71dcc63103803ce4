using System;
using System.Globalization;
using System.Management.Automation;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.Core.Selection;
using OciMirror.PowerShell.Common;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Commands
{
    /// <summary>
    /// <c>Sync-OciRegistry</c>: a declarative sync, the nightly mirror job in one cmdlet. The source is a sync file
    /// (skopeo's sync YAML plus OciMirror's keys), one repository (every tag, or the selection parameters) or a
    /// bundle; the destination a registry or a bundle. Plans first; -WhatIf shows the plan; one failed reference
    /// or unreachable registry is a non-terminating error and the others go on.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "OciRegistry", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(OciArtifactInfo))]
    public sealed class SyncOciRegistryCommand : OciTwoSidedCmdlet
    {
        /// <summary>A sync file (.yaml/.yml), a repository (<c>registry/repo</c>), or a bundle (directory, .tar, .tgz).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Source { get; set; } = string.Empty;

        /// <summary>A registry <c>host[:port][/prefix]</c>, or a bundle path.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = string.Empty;

        /// <summary>How to read -Source: File, Repository or Bundle. Default: decided from the value (see the help).</summary>
        [Parameter]
        [ValidateSet("File", "Repository", "Bundle", IgnoreCase = true)]
        public string? SourceType { get; set; }

        /// <summary>How to read -Destination: Registry or Bundle. Default: decided from the value (see the help).</summary>
        [Parameter]
        [ValidateSet("Registry", "Bundle", IgnoreCase = true)]
        public string? DestinationType { get; set; }

        /// <summary>For a bundle destination: Directory, Tar or TarGzip (default: from the extension).</summary>
        [Parameter]
        [ValidateSet("Directory", "Tar", "TarGzip", IgnoreCase = true)]
        public string? Format { get; set; }

        /// <summary>Keep the source registry as the first path segment under a registry destination (a port's ':' becomes '_').</summary>
        [Parameter]
        public SwitchParameter Scoped { get; set; }

        /// <summary>For a repository source: keep only tags matching one of these wildcard patterns (or an -IncludeRegex).</summary>
        [Parameter]
        [SupportsWildcards]
        public string[]? Include { get; set; }

        /// <summary>For a repository source: drop tags matching one of these wildcard patterns.</summary>
        [Parameter]
        [SupportsWildcards]
        public string[]? Exclude { get; set; }

        /// <summary>For a repository source: keep only tags one of these regular expressions matches (or an -Include pattern).</summary>
        [Parameter]
        public string[]? IncludeRegex { get; set; }

        /// <summary>For a repository source: drop tags one of these regular expressions matches.</summary>
        [Parameter]
        public string[]? ExcludeRegex { get; set; }

        /// <summary>For a repository source: keep only semantic versions in this range (Masterminds syntax).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SemVer { get; set; }

        /// <summary>For a repository source: keep only the tags of the N highest semantic versions.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Latest { get; set; }

        /// <summary>For a repository source: let pre-releases through -SemVer and count them in -Latest.</summary>
        [Parameter]
        public SwitchParameter IncludePrerelease { get; set; }

        /// <summary>For a repository source: Include, Exclude or WithImages for cosign/referrers digest tags.</summary>
        [Parameter]
        [ValidateSet("Include", "Exclude", "WithImages", IgnoreCase = true)]
        public string? DigestTag { get; set; }

        /// <summary>Parallel transfers, 1–64 (default 4).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        protected override void EndProcessing()
        {
            TagSelection selection = SelectionParameters.Build(Include, Exclude, IncludeRegex, ExcludeRegex, SemVer, Latest, IncludePrerelease.IsPresent, DigestTag);
            try
            {
                selection.Compile();
            }
            catch (FormatException e)
            {
                throw Terminate(SelectionParameters.InvalidSelection(e));
            }

            var request = new SyncRequest
            {
                Selection = selection.SelectsAll ? null : selection,
                Format = ExportOciArtifactCommand.ParseFormat(Format),
                Scoped = Scoped.IsPresent,
                Platforms = CreatePlatformFilter(),
                SourceAccess = CreateSourceAccessOptions(),
                TargetAccess = CreateDestinationAccessOptions(),
                Concurrency = ThrottleLimit,
            };
            (request.Source, request.SourceKind) = ResolveSource();
            (request.Destination, request.DestinationKind) = ResolveDestination(Format != null);

            OperationSummary summary;
            try
            {
                string activity = string.Format(CultureInfo.InvariantCulture, "Syncing {0} to {1}", Source, Destination);
                summary = RunEngine(activity, (observer, token) => Engine.SyncAsync(request, observer, token));
            }
            catch (OciException e)
            {
                throw Terminate(ErrorMapper.ForException(e, e.Path ?? e.Reference ?? Source));
            }

            Sink.WriteVerbose(SummaryText.Of("Sync of " + Source + " to " + Destination, summary));
        }

        /// <summary>The source as the engine reads it: a file or bundle as a file-system path (PowerShell's location), a repository as typed.</summary>
        private (string Value, SyncSourceKind Kind) ResolveSource()
        {
            string? path = Sink.GetFileSystemPath(Source);
            SyncSourceKind kind = SourceType == null ? SyncEndpoints.SourceKindOf(Source, path) : (SyncSourceKind)Enum.Parse(typeof(SyncSourceKind), SourceType, ignoreCase: true);
            return (kind == SyncSourceKind.Repository || path == null ? Source : path, kind);
        }

        private (string Value, SyncDestinationKind Kind) ResolveDestination(bool formatGiven)
        {
            string? path = Sink.GetFileSystemPath(Destination);
            SyncDestinationKind kind = DestinationType != null ? (SyncDestinationKind)Enum.Parse(typeof(SyncDestinationKind), DestinationType, ignoreCase: true)
                : formatGiven ? SyncDestinationKind.Bundle
                : SyncEndpoints.DestinationKindOf(Destination, path);
            return (kind == SyncDestinationKind.Bundle && path != null ? path : Destination, kind);
        }
    }
}
