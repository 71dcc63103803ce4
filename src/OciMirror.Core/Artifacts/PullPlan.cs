using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Files;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;

namespace OciMirror.Core.Artifacts
{
    /// <summary>The layers of a pull with their titles checked, and writing them.</summary>
    internal static class PullPlan
    {
        /// <summary>
        /// The layers that have a title, each title checked (<see cref="FileTitles.Check"/>) and unique. Untitled
        /// layers are counted and logged as warnings: they have no file name.
        /// </summary>
        /// <exception cref="OciException">UnsafePath for a title; InvalidReference for two layers with one title.</exception>
        public static IReadOnlyList<(Descriptor Layer, string Title, bool Unpack)> Check(IReadOnlyList<Descriptor> layers, string reference, ILogSink log, out int untitled)
        {
            var titled = new List<(Descriptor, string, bool)>();
            var seen = new HashSet<string>(FileTitles.OnWindows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            untitled = 0;
            foreach (Descriptor layer in layers)
            {
                string? title = layer.GetAnnotation(ArtifactAnnotations.Title);
                if (title == null)
                {
                    untitled++;
                    log.Log(LogLevel.Warning, $"{reference}: layer {layer.Digest} ({layer.MediaType}) has no {ArtifactAnnotations.Title} and is not written.");
                    continue;
                }

                FileTitles.Check(title, reference);
                string name = title.TrimEnd('/');
                if (!seen.Add(name))
                {
                    throw new OciException(OciErrorKind.InvalidReference, $"Two layers of {reference} are titled '{title}'; pulling both would overwrite one with the other.")
                    {
                        Reference = reference,
                        RecommendedAction = "Ask the publisher to push the files under distinct names.",
                    };
                }

                titled.Add((layer, name, layer.GetAnnotation(DirectoryTarball.UnpackAnnotation) == "true"));
            }

            return titled;
        }

        /// <summary>Writes the layers (at most <paramref name="concurrency"/> at once); the first failure cancels the rest and is thrown.</summary>
        public static async Task<IReadOnlyList<PulledFile>> WriteAllAsync(
            IReadOnlyList<(Descriptor Layer, string Title, bool Unpack)> layers, IFetchable source, string output, int concurrency, ILogSink log, OperationProgress progress, CancellationToken cancellationToken)
        {
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var gate = new SemaphoreSlim(concurrency, concurrency);
            var tasks = layers.Select(async l =>
            {
                await gate.WaitAsync(failed.Token).ConfigureAwait(false);
                try
                {
                    PulledFile file = await WriteOneAsync(l.Layer, l.Title, l.Unpack, source, output, log, failed.Token).ConfigureAwait(false);
                    progress.AddBytes(l.Layer.Size);
                    return file;
                }
                catch
                {
                    failed.Cancel();
                    throw;
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            try
            {
                return await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                Exception first = tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).FirstOrDefault(e => !(e is OperationCanceledException))
                    ?? tasks.First(t => t.IsFaulted || t.IsCanceled).Exception?.InnerException ?? new OperationCanceledException();
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
                throw;
            }
        }

        private static async Task<PulledFile> WriteOneAsync(Descriptor layer, string title, bool unpack, IFetchable source, string output, ILogSink log, CancellationToken cancellationToken)
        {
            string target = FileTitles.Below(output, title, title);
            bool skipped = false;
            try
            {
                if (unpack)
                {
                    await DirectoryLayerExtractor.ExtractAsync(await source.FetchAsync(layer, cancellationToken).ConfigureAwait(false), layer, title, output, log, cancellationToken).ConfigureAwait(false);
                }
                else if (await FileLayerWriter.IsCurrentAsync(target, layer, cancellationToken).ConfigureAwait(false))
                {
                    skipped = true;
                }
                else
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await FileLayerWriter.WriteAsync(await source.FetchAsync(layer, cancellationToken).ConfigureAwait(false), layer, target, title, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot write '{target}': {e.Message}", e) { Path = target, Digest = layer.Digest };
            }

            return new PulledFile { Title = title, Path = target, Digest = layer.Digest.ToString(), MediaType = layer.MediaType, Size = layer.Size, Unpacked = unpack, Skipped = skipped };
        }
    }
}
