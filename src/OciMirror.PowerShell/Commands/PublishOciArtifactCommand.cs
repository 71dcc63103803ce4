using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Errors;
using OciMirror.Core.Files;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Common;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Commands
{
    /// <summary>
    /// <c>Publish-OciArtifact</c>: pushes files and directories as one OCI artifact (the ORAS files-as-artifacts
    /// workflow) to a registry or a bundle. Paths bind from the pipeline (<c>Get-ChildItem *.rpm | Publish-OciArtifact …</c>)
    /// and are pushed together in EndProcessing. Writes one <see cref="OciArtifactInfo"/>.
    /// </summary>
    [Cmdlet(VerbsData.Publish, "OciArtifact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(OciArtifactInfo))]
    public sealed class PublishOciArtifactCommand : OciRegistryCmdlet
    {
        private readonly List<PushFile> _files = new List<PushFile>();

        /// <summary>Where to push: <c>registry/repository[:tag]</c> (tag default latest) or a bundle <c>oci:PATH:registry/repository:tag</c>.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Reference { get; set; } = string.Empty;

        /// <summary>
        /// Files and directories, each <c>FILE[:MEDIATYPE]</c> (a drive letter's ':' is not a separator). Binds piped
        /// strings and the FullName of piped files. A file is pulled back by its path as given (relative) or its name.
        /// </summary>
        [Parameter(Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>The media type of the files given without one (default application/vnd.oci.image.layer.v1.tar; tar+gzip for directories).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? MediaType { get; set; }

        /// <summary>The artifactType of the manifest (default application/vnd.unknown.artifact.v1 without -ConfigPath).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ArtifactType { get; set; }

        /// <summary>A config file, <c>FILE[:MEDIATYPE]</c> (default type application/vnd.unknown.config.v1+json); without it the config is the empty JSON object.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ConfigPath { get; set; }

        /// <summary>Manifest annotations, for example <c>@{ 'org.opencontainers.image.version' = '1.2' }</c>.</summary>
        [Parameter]
        public Hashtable? Annotation { get; set; }

        /// <summary>An oras annotation file: <c>{"$manifest": {...}, "$config": {...}, "FILE": {...}}</c>.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AnnotationPath { get; set; }

        /// <summary>Attach the artifact to this manifest (OCI 1.1 subject): a tag or digest in the destination repository or bundle.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Subject { get; set; }

        /// <summary>Parallel uploads, 1–64 (default 4).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        protected override void ProcessRecord()
        {
            foreach (string? text in Path ?? Array.Empty<string>())
            {
                if (!string.IsNullOrWhiteSpace(text))
                {
                    _files.Add(Resolve(text!, nameof(Path)));
                }
            }
        }

        protected override void EndProcessing()
        {
            string? destination = LocationArgument.Resolve(Sink, Reference, nameof(Reference), out OciErrorInfo? error);
            if (destination == null)
            {
                throw Terminate(error!);
            }

            var request = new PushRequest
            {
                Destination = destination,
                Files = _files,
                ArtifactType = ArtifactType,
                Config = ConfigPath == null ? null : Resolve(ConfigPath, nameof(ConfigPath)),
                Annotations = AnnotationArgument.ToDictionary(Annotation),
                AnnotationFile = AnnotationPath == null ? null : FileSystemPath(AnnotationPath, nameof(AnnotationPath)),
                Subject = Subject,
                Access = CreateAccessOptions(),
                Concurrency = ThrottleLimit,
            };

            try
            {
                string activity = string.Format(CultureInfo.InvariantCulture, "Pushing {0} file(s) to {1}", _files.Count, Reference);
                RunEngine(activity, (observer, token) => Engine.PushAsync(request, observer, token));
            }
            catch (OciException e)
            {
                throw Terminate(ErrorMapper.ForException(e, e.Path ?? e.Reference ?? Reference));
            }
        }

        private PushFile Resolve(string text, string parameter)
        {
            PushFile file;
            try
            {
                file = PushFile.Parse(text);
                if (file.MediaType == null && MediaType != null && parameter == nameof(Path))
                {
                    file = new PushFile(file.Path, MediaType, file.Title);
                }
            }
            catch (OciException e)
            {
                throw Terminate(ErrorMapper.ForException(e, text));
            }

            return file.WithPath(FileSystemPath(file.Path, parameter));
        }

        private string FileSystemPath(string path, string parameter)
        {
            string? resolved = Sink.GetFileSystemPath(path);
            if (resolved == null || !Sink.PathExists(resolved))
            {
                var missing = new ItemNotFoundException($"Cannot find '{path}' (-{parameter}).");
                throw Terminate(new OciErrorInfo(missing, resolved == null ? ErrorMapper.InvalidPathId : ErrorMapper.PathNotFoundId, ErrorCategory.ObjectNotFound, path,
                    "Give files and directories that exist on a file-system drive."));
            }

            return resolved;
        }
    }
}
