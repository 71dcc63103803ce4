using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Files;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Referrers;
using OciMirror.Core.Registry;

namespace OciMirror.Core.Artifacts
{
    /// <summary>
    /// Pushes files as one artifact (<see cref="PushRequest"/>): packs them (hashing each file once, packing
    /// directories into temporary tar.gz files), writes the manifest (<see cref="ArtifactManifest"/>), copies
    /// everything to the destination through the copy engine (blobs already there are skipped, uploads stream
    /// from the files, memory stays flat), then sets the tag. Pushing the same files again is Skipped.
    /// </summary>
    public sealed class PushOperation
    {
        private readonly IRepositoryProvider? _registry;

        public PushOperation(PushRequest request)
        {
            Request = request ?? throw new ArgumentNullException(nameof(request));
        }

        /// <summary>For tests: registries through <paramref name="registry"/> (not disposed).</summary>
        internal PushOperation(PushRequest request, IRepositoryProvider registry)
            : this(request)
        {
            _registry = registry;
        }

        public PushRequest Request { get; }

        /// <summary>
        /// Runs the push. The outcome (Copied, Skipped, Declined or Failed, with the manifest digest) goes to
        /// <paramref name="observer"/> and is the summary's only result.
        /// </summary>
        /// <exception cref="OciException">
        /// Failures of the input, before anything is sent: InvalidReference (destination, media type, duplicate
        /// titles), NotFound/IOFailed (a file), UnsafePath (a named pipe, device or socket named or inside a directory, a link in a directory, a bad title),
        /// InvalidConfiguration (annotation file), InvalidDestination (bundle path).
        /// </exception>
        public async Task<OperationSummary> RunAsync(IOperationObserver observer, CancellationToken cancellationToken)
        {
            if (observer == null)
            {
                throw new ArgumentNullException(nameof(observer));
            }

            ArtifactLocation location = ArtifactLocation.Parse(Request.Destination);
            AnnotationFile? annotationFile = Request.AnnotationFile == null ? null : AnnotationFile.Read(Request.AnnotationFile);
            using RegistryClient? client = _registry == null ? new RegistryClient(Request.Access, observer) : null;
            using LocationDestination destination = await LocationDestination.OpenAsync(location, _registry ?? client!, observer, cancellationToken).ConfigureAwait(false);
            using var source = new FileBlobSource { Fallback = destination.Target };
            PackedArtifact packed = await ArtifactPacker.PackAsync(Request.Files, Request.Config, annotationFile, Request.Annotations, source, cancellationToken).ConfigureAwait(false);

            return await SingleArtifactRun.RunAsync(
                observer,
                $"Pushing {Request.Files.Count} files to {destination.Display}",
                Request.Concurrency,
                location.Text,
                destination,
                (session, progress, token) => PushAsync(location.Text, packed, source, destination, session, observer, progress, token),
                cancellationToken).ConfigureAwait(false);
        }

        private async Task<ArtifactResult> PushAsync(string input, PackedArtifact packed, FileBlobSource source, LocationDestination destination, CopySession session, IOperationObserver observer, OperationProgress progress, CancellationToken cancellationToken)
        {
            const string what = "files";
            try
            {
                Descriptor? subject = Request.Subject == null ? null : await SubjectResolver.ResolveAsync(Request.Subject, destination, cancellationToken).ConfigureAwait(false);
                if (packed.Config == null)
                {
                    source.AddDocument(MediaTypes.OciEmpty, ArtifactManifest.EmptyJson);
                }

                byte[] manifest = ArtifactManifest.Build(Request.ArtifactType, packed.Config, packed.ConfigAnnotations, packed.Layers, subject, packed.ManifestAnnotations);
                Descriptor built = source.AddDocument(MediaTypes.OciManifest, manifest);
                var root = new Descriptor(built.MediaType, built.Digest, built.Size, null, null, Request.ArtifactType ?? packed.Config?.MediaType ?? ArtifactAnnotations.UnknownArtifactType);
                foreach (Descriptor layer in packed.Layers)
                {
                    observer.Log(LogLevel.Verbose, $"layer {layer.GetAnnotation(ArtifactAnnotations.Title)}: {layer.MediaType}, {layer.Digest}, {ByteSize.Format(layer.Size)}");
                }

                bool named = await destination.NamesAsync(root, cancellationToken).ConfigureAwait(false);
                CopyPlan plan = await session.PlanAsync(source, root, destination.Target, readPresentFromDestination: false, cancellationToken).ConfigureAwait(false);
                if (named && plan.MissingNodes == 0)
                {
                    await PublishAsync(subject, destination, root, manifest, observer, cancellationToken).ConfigureAwait(false);
                    return ArtifactResults.FromPlan(input, what, destination.Display, plan, ArtifactStatus.Skipped, null);
                }

                string action = $"Push {packed.Layers.Count} {(packed.Layers.Count == 1 ? "file" : "files")} as artifact {root.Digest}: {ArtifactResults.DescribeTransfer(plan)}";
                if (!await observer.ShouldProcessAsync(destination.Display, action, cancellationToken).ConfigureAwait(false))
                {
                    return ArtifactResults.FromPlan(input, what, destination.Display, plan, ArtifactStatus.Declined, null);
                }

                progress.AddTotalBytes(plan.MissingBytes);
                CopyStats stats = await session.CopyAsync(source, root, destination.Target, destination.Display, cancellationToken).ConfigureAwait(false);
                await destination.TagAsync(root, cancellationToken).ConfigureAwait(false);
                await PublishAsync(subject, destination, root, manifest, observer, cancellationToken).ConfigureAwait(false);
                return ArtifactResults.FromPlan(input, what, destination.Display, plan, ArtifactStatus.Copied, stats);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                return ArtifactResults.Failed(input, what, destination.Display, CopyErrors.Wrap(e, ErrorSide.None, null, destination.Display));
            }
        }

        /// <summary>
        /// An artifact attached to a subject must be discoverable from it: nothing to do on a registry with the
        /// referrers API, the referrers tag index on one without (distribution-spec 1.1), nothing in a bundle.
        /// </summary>
        private static async Task PublishAsync(Descriptor? subject, LocationDestination destination, Descriptor root, byte[] manifest, IOperationObserver observer, CancellationToken cancellationToken)
        {
            if (subject != null && !destination.Location.IsBundle)
            {
                await new ReferrerPublisher(observer).PublishAsync(destination.Target, root, manifest, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
