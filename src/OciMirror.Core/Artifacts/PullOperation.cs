using System;
using System.Collections.Generic;
using System.IO;
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
    /// Pulls the files of an artifact (<see cref="PullRequest"/>) into a directory: resolves the source, chooses
    /// the platform of an index, checks every title before writing anything (<see cref="FileTitles"/>: no absolute
    /// path, no <c>..</c>, no drive letter, no backslash, no link on the way), then streams each layer through
    /// digest verification into place (directory layers are unpacked). Memory stays flat whatever the sizes.
    /// </summary>
    public sealed class PullOperation
    {
        private readonly IRepositoryProvider? _registry;

        public PullOperation(PullRequest request)
        {
            Request = request ?? throw new ArgumentNullException(nameof(request));
        }

        /// <summary>For tests: registries through <paramref name="registry"/> (not disposed).</summary>
        internal PullOperation(PullRequest request, IRepositoryProvider registry)
            : this(request)
        {
            _registry = registry;
        }

        public PullRequest Request { get; }

        /// <summary>
        /// Runs the pull. Failures of the artifact (not found, an index without a platform, an unsafe title, a
        /// digest mismatch, registry errors) are in <see cref="PullResult.Error"/>.
        /// </summary>
        /// <exception cref="OciException">InvalidReference (source), InvalidDestination (the output path is a file), InvalidLayout (an unreadable bundle).</exception>
        public async Task<PullResult> RunAsync(IOperationObserver observer, CancellationToken cancellationToken)
        {
            if (observer == null)
            {
                throw new ArgumentNullException(nameof(observer));
            }

            ArtifactLocation location = ArtifactLocation.Parse(Request.Source);
            string output = Path.GetFullPath(string.IsNullOrWhiteSpace(Request.OutputDirectory) ? "." : Request.OutputDirectory);
            if (File.Exists(output))
            {
                throw new OciException(OciErrorKind.InvalidDestination, $"The output directory '{output}' is a file.")
                {
                    Path = output,
                    RecommendedAction = "Give a directory to pull into (it is created when missing).",
                };
            }

            using RegistryClient? client = _registry == null ? new RegistryClient(Request.Access, observer) : null;
            using LocationSource source = await LocationSource.OpenAsync(location, _registry ?? client!, observer, cancellationToken).ConfigureAwait(false);
            var progress = new OperationProgress(observer, $"Pulling {location} to {output}", 1);
            string? note = null;
            Descriptor? root = null;
            var files = new List<PulledFile>();
            int untitled = 0;
            try
            {
                Descriptor resolved = await source.ResolveAsync(cancellationToken).ConfigureAwait(false);
                PlatformChoice choice = await PlatformStep.SelectAsync(Request.Platforms, source.Target, resolved, location.Text, ErrorSide.Source, observer, cancellationToken).ConfigureAwait(false);
                note = choice.Note;
                root = choice.Root;
                IReadOnlyList<Descriptor> layers = await ReadLayersAsync(choice.SourceFor(source.Target), root, location.Text, cancellationToken).ConfigureAwait(false);
                var titled = PullPlan.Check(layers, location.Text, observer, out untitled);
                long bytes = titled.Sum(l => l.Layer.Size);
                if (!await observer.ShouldProcessAsync(output, $"Write {titled.Count} {(titled.Count == 1 ? "file" : "files")} ({ByteSize.Format(bytes)}) of {location}", cancellationToken).ConfigureAwait(false))
                {
                    return new PullResult { Source = location.Text, Digest = root.Digest.ToString(), Note = note, UntitledLayers = untitled, Declined = true };
                }

                progress.AddTotalBytes(bytes);
                Directory.CreateDirectory(output);
                files.AddRange(await PullPlan.WriteAllAsync(titled, source.Target, output, Request.Concurrency, observer, progress, cancellationToken).ConfigureAwait(false));
                return new PullResult { Source = location.Text, Digest = root.Digest.ToString(), ArtifactType = root.ArtifactType, Note = note, Files = files, UntitledLayers = untitled };
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                return new PullResult
                {
                    Source = location.Text,
                    Digest = root?.Digest.ToString(),
                    Note = note,
                    Files = files,
                    UntitledLayers = untitled,
                    Error = CopyErrors.Wrap(e, ErrorSide.None, root, location.Text),
                };
            }
            finally
            {
                progress.Complete();
            }
        }

        private static async Task<IReadOnlyList<Descriptor>> ReadLayersAsync(IFetchable source, Descriptor root, string reference, CancellationToken cancellationToken)
        {
            byte[] content = await source.FetchAllAsync(root, cancellationToken).ConfigureAwait(false);
            ManifestInfo info = ManifestInfo.Parse(root, content);
            if (info.IsIndex)
            {
                throw new OciException(
                    OciErrorKind.AmbiguousReference,
                    $"{reference} is an index of {info.Children.Count} manifests{(info.Platforms.Count == 0 ? string.Empty : " (" + string.Join(", ", info.Platforms) + ")")}; a pull writes the files of one manifest.")
                {
                    Reference = reference,
                    Digest = root.Digest,
                    RecommendedAction = "Choose one platform (os/arch[/variant][:os.version]) or name one manifest by its digest.",
                };
            }

            var layers = Model.OciJson.Parse(content, root.Digest)["layers"] as Newtonsoft.Json.Linq.JArray ?? new Newtonsoft.Json.Linq.JArray();
            return layers.Select(l => Model.OciJson.ToDescriptor(l, root.Digest)).ToList();
        }
    }
}
