using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Errors;
using OciMirror.PowerShell.Common;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Commands
{
    /// <summary>
    /// <c>New-OciIndex</c>: composes an OCI image index from manifests in registries and bundles (each
    /// <c>LOCATION[=PLATFORM]</c>) and writes it, with the manifests, to a registry or a bundle. Manifests bind from
    /// the pipeline and are collected; the index is written in EndProcessing. Writes one <see cref="OciArtifactInfo"/>.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "OciIndex", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(OciArtifactInfo))]
    public sealed class NewOciIndexCommand : OciRegistryCmdlet
    {
        private readonly List<IndexSource> _manifests = new List<IndexSource>();

        /// <summary>Where to write the index: <c>registry/repository:tag</c> or a bundle <c>oci:PATH:registry/repository:tag</c>.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = string.Empty;

        /// <summary>
        /// The manifests, each <c>LOCATION[=PLATFORM]</c>: a registry reference or <c>oci:PATH[:NAME]</c>, and the platform of its
        /// entry <c>os/arch[/variant][:os.version]</c> (default: from the manifest's image config).
        /// </summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string[] Manifest { get; set; } = Array.Empty<string>();

        /// <summary>Index annotations, for example <c>@{ 'org.opencontainers.image.version' = '1.2' }</c>.</summary>
        [Parameter]
        public Hashtable? Annotation { get; set; }

        /// <summary>The artifactType of the index.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ArtifactType { get; set; }

        /// <summary>Parallel transfers, 1–64 (default 4).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        protected override void ProcessRecord()
        {
            foreach (string text in Manifest)
            {
                try
                {
                    IndexSource source = IndexSource.Parse(text);
                    string? location = LocationArgument.Resolve(Sink, source.Location, nameof(Manifest), out OciErrorInfo? error);
                    if (location == null)
                    {
                        throw Terminate(error!);
                    }

                    _manifests.Add(new IndexSource(location, source.Platform));
                }
                catch (OciException e)
                {
                    throw Terminate(ErrorMapper.ForException(e, text));
                }
            }
        }

        protected override void EndProcessing()
        {
            string? destination = LocationArgument.Resolve(Sink, Destination, nameof(Destination), out OciErrorInfo? error);
            if (destination == null)
            {
                throw Terminate(error!);
            }

            var request = new IndexCreateRequest
            {
                Destination = destination,
                Manifests = _manifests,
                Annotations = AnnotationArgument.ToDictionary(Annotation),
                ArtifactType = ArtifactType,
                Access = CreateAccessOptions(),
                Concurrency = ThrottleLimit,
            };

            try
            {
                string activity = string.Format(CultureInfo.InvariantCulture, "Creating an index of {0} manifest(s) at {1}", _manifests.Count, Destination);
                RunEngine(activity, (observer, token) => Engine.CreateIndexAsync(request, observer, token));
            }
            catch (OciException e)
            {
                throw Terminate(ErrorMapper.ForException(e, e.Path ?? e.Reference ?? Destination));
            }
        }
    }
}
