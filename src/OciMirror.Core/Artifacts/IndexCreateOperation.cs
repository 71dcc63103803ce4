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
using OciMirror.Core.Platforms;
using OciMirror.Core.Registry;

namespace OciMirror.Core.Artifacts
{
    /// <summary>
    /// Composes an index (<see cref="IndexCreateRequest"/>): resolves each manifest where it is, takes its platform
    /// as given or from its image config, writes the index document (<see cref="IndexDocument"/>), copies every
    /// manifest with its content to the destination through one copy session (shared blobs once, present ones
    /// skipped, same-registry blobs mounted), then the index, then names it. The manifests are not rewritten: each
    /// keeps its digest. Running it again with the same inputs gives the same digest and is Skipped.
    /// </summary>
    public sealed class IndexCreateOperation
    {
        private readonly IRepositoryProvider? _registry;

        public IndexCreateOperation(IndexCreateRequest request)
        {
            Request = request ?? throw new ArgumentNullException(nameof(request));
        }

        /// <summary>For tests: registries through <paramref name="registry"/> (not disposed).</summary>
        internal IndexCreateOperation(IndexCreateRequest request, IRepositoryProvider registry)
            : this(request)
        {
            _registry = registry;
        }

        public IndexCreateRequest Request { get; }

        /// <summary>Runs the request; the index's outcome is the summary's only result.</summary>
        /// <exception cref="OciException">
        /// Input failures before anything is read: InvalidReference (no manifests, a malformed location or
        /// artifact type), InvalidDestination/InvalidLayout (unusable bundle paths).
        /// </exception>
        public async Task<OperationSummary> RunAsync(IOperationObserver observer, CancellationToken cancellationToken)
        {
            if (observer == null)
            {
                throw new ArgumentNullException(nameof(observer));
            }

            if (Request.Manifests.Count == 0)
            {
                throw new OciException(OciErrorKind.InvalidReference, "An index needs at least one manifest.") { RecommendedAction = "Name the manifests to list: registry references or oci:PATH[:NAME] bundles." };
            }

            string? artifactType = Request.ArtifactType == null ? null : MediaTypeText.Check(Request.ArtifactType, "the index");
            ArtifactLocation target = ArtifactLocation.Parse(Request.Destination);
            var locations = Request.Manifests.Select(m => (Source: m, Location: ArtifactLocation.Parse(m.Location))).ToList();
            using RegistryClient? client = _registry == null ? new RegistryClient(Request.Access, observer) : null;
            IRepositoryProvider registry = _registry ?? client!;
            var sources = new List<LocationSource>();
            try
            {
                foreach (var (_, location) in locations)
                {
                    sources.Add(await LocationSource.OpenAsync(location, registry, observer, cancellationToken).ConfigureAwait(false));
                }

                using LocationDestination destination = await LocationDestination.OpenAsync(target, registry, observer, cancellationToken).ConfigureAwait(false);
                return await SingleArtifactRun.RunAsync(
                    observer,
                    $"Creating an index of {sources.Count} manifests at {destination.Display}",
                    Request.Concurrency,
                    target.Text,
                    destination,
                    (session, progress, token) => ComposeAsync(target.Text, locations.Select(l => l.Source).ToList(), sources, artifactType, destination, session, observer, progress, token),
                    cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                sources.ForEach(s => s.Dispose());
            }
        }

        private async Task<ArtifactResult> ComposeAsync(string input, IReadOnlyList<IndexSource> given, IReadOnlyList<LocationSource> sources, string? artifactType, LocationDestination destination, CopySession session, IOperationObserver observer, OperationProgress progress, CancellationToken cancellationToken)
        {
            string what = string.Join(", ", given.Select(g => g.ToString()));
            try
            {
                var entries = new Descriptor[sources.Count];
                for (int i = 0; i < sources.Count; i++)
                {
                    entries[i] = await EntryAsync(given[i], sources[i], observer, cancellationToken).ConfigureAwait(false);
                }

                byte[] bytes = IndexDocument.Build(entries, artifactType, Request.Annotations);
                var root = new Descriptor(MediaTypes.OciIndex, Digest.Compute(bytes), bytes.LongLength, null, null, artifactType);
                var plans = new CopyPlan[sources.Count];
                for (int i = 0; i < sources.Count; i++)
                {
                    plans[i] = await session.PlanAsync(sources[i].Target, entries[i], destination.Target, readPresentFromDestination: false, cancellationToken).ConfigureAwait(false);
                }

                bool indexPresent = await destination.Target.ExistsAsync(root, cancellationToken).ConfigureAwait(false);
                var plan = new CopyPlan(
                    root,
                    ManifestInfo.Parse(root, bytes),
                    plans.Sum(p => p.TotalNodes) + 1,
                    plans.Sum(p => p.TotalBytes) + root.Size,
                    plans.Sum(p => p.MissingNodes) + (indexPresent ? 0 : 1),
                    plans.Sum(p => p.MissingBytes) + (indexPresent ? 0 : root.Size));
                if (plan.MissingNodes == 0 && await destination.NamesAsync(root, cancellationToken).ConfigureAwait(false))
                {
                    return ArtifactResults.FromPlan(input, what, destination.Display, plan, ArtifactStatus.Skipped, null);
                }

                if (!await observer.ShouldProcessAsync(destination.Display, $"Write index {root.Digest} of {entries.Length} manifests: {ArtifactResults.DescribeTransfer(plan)}", cancellationToken).ConfigureAwait(false))
                {
                    return ArtifactResults.FromPlan(input, what, destination.Display, plan, ArtifactStatus.Declined, null);
                }

                progress.AddTotalBytes(plan.MissingBytes);
                var copies = Enumerable.Range(0, sources.Count).Select(i => session.CopyAsync(sources[i].Target, entries[i], destination.Target, sources[i].Location.Text, cancellationToken)).ToList();
                CopyStats[] stats = await Task.WhenAll(copies).ConfigureAwait(false);
                IReadOnlyStorage withIndex = MemoryOverlay.Over(destination.Target, new Dictionary<Digest, byte[]> { [root.Digest] = bytes });
                CopyStats last = await session.CopyAsync(withIndex, root, destination.Target, destination.Display, cancellationToken).ConfigureAwait(false);
                await destination.TagAsync(root, cancellationToken).ConfigureAwait(false);
                var total = new CopyStats(stats.Sum(s => s.NodesCopied) + last.NodesCopied, stats.Sum(s => s.NodesSkipped), stats.Sum(s => s.NodesMounted), stats.Sum(s => s.BytesCopied) + last.BytesCopied);
                return ArtifactResults.FromPlan(input, what, destination.Display, plan, ArtifactStatus.Copied, total);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                return ArtifactResults.Failed(input, what, destination.Display, CopyErrors.Wrap(e, ErrorSide.None, null, destination.Display));
            }
        }

        private static async Task<Descriptor> EntryAsync(IndexSource given, LocationSource source, ILogSink log, CancellationToken cancellationToken)
        {
            Descriptor resolved = await source.ResolveAsync(cancellationToken).ConfigureAwait(false);
            byte[] content;
            ManifestInfo info;
            Platform? platform = given.Platform?.ToPlatform();
            try
            {
                content = await source.Target.FetchAllAsync(resolved, cancellationToken).ConfigureAwait(false);
                info = ManifestInfo.Parse(resolved, content);
                if (platform == null && !info.IsIndex)
                {
                    platform = await ConfigPlatform.ReadAsync(source.Target, resolved, content, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                throw CopyErrors.Wrap(e, ErrorSide.Source, resolved, source.Location.Text);
            }

            if (platform == null)
            {
                log.Log(LogLevel.Warning, $"{source.Location}: {resolved.Digest} has no image config with a platform and none was given (LOCATION=os/arch[/variant][:os.version]); its entry has no platform.");
            }

            return new Descriptor(info.MediaType, resolved.Digest, resolved.Size, null, platform, info.ArtifactType);
        }
    }
}
