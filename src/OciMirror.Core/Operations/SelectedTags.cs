using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.References;
using OciMirror.Core.Selection;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Lists a repository's tags and applies a <see cref="TagSelector"/>, resolving digests where the
    /// selection needs them (digest tags kept with their images) or the caller asks. Shared by
    /// <see cref="TagListOperation"/> and sync planning.
    /// </summary>
    internal static class SelectedTags
    {
        /// <summary>Digest lookups (HEAD requests) running at once.</summary>
        internal const int ResolveConcurrency = 5;

        /// <summary>
        /// The selected tags of <paramref name="repository"/> in registry order (digest tags attached to their
        /// images last), each with its digest when resolved. A tag deleted between listing and resolving is
        /// dropped with a warning when its digest was needed, else kept with a null digest.
        /// </summary>
        /// <exception cref="OciException">The repository cannot list tags (ProtocolError), or the registry refused (NotFound, AuthenticationFailed…), Side Source.</exception>
        /// <exception cref="OciException">InvalidConfiguration: a selection regular expression ran too long on a tag.</exception>
        public static async Task<IReadOnlyList<(string Tag, Digest? Digest)>> ListAsync(ITarget target, Reference repository, TagSelector selector, bool resolveDigests, ILogSink log, CancellationToken cancellationToken)
        {
            if (!(target is ITagLister lister))
            {
                throw new OciException(OciErrorKind.ProtocolError, $"The repository {repository.Name} cannot list its tags.") { Reference = repository.Name, Side = ErrorSide.Source };
            }

            IReadOnlyList<string> all;
            try
            {
                all = await lister.ListTagsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                throw CopyErrors.Wrap(e, ErrorSide.Source, null, repository.Name);
            }

            TagSelectionResult selected;
            try
            {
                selected = selector.Select(all);
            }
            catch (FormatException e)
            {
                throw new OciException(OciErrorKind.InvalidConfiguration, $"{repository.Name}: {e.Message}", e) { Reference = repository.Name, RecommendedAction = "Simplify the regular expression." };
            }

            bool attach = selector.AttachesDigestTags && selected.DigestTags.Count > 0;
            Digest?[] digests = resolveDigests || attach
                ? await ResolveAsync(target, repository, selected.Tags, log, cancellationToken).ConfigureAwait(false)
                : new Digest?[selected.Tags.Count];
            var result = new List<(string, Digest?)>();
            for (int i = 0; i < selected.Tags.Count; i++)
            {
                if (digests[i] != null || !attach)
                {
                    result.Add((selected.Tags[i], digests[i]));
                }
            }

            if (attach)
            {
                IReadOnlyList<string> signatures = TagSelector.AttachDigestTags(selected.DigestTags, digests.Where(d => d != null).Select(d => d!.Value));
                Digest?[] signatureDigests = resolveDigests
                    ? await ResolveAsync(target, repository, signatures, log, cancellationToken).ConfigureAwait(false)
                    : new Digest?[signatures.Count];
                result.AddRange(signatures.Select((t, i) => (t, signatureDigests[i])));
            }

            log.Log(LogLevel.Verbose, $"{repository.Name}: {all.Count} tags, {result.Count} selected.");
            return result;
        }

        private static async Task<Digest?[]> ResolveAsync(ITarget target, Reference repository, IReadOnlyList<string> tags, ILogSink log, CancellationToken cancellationToken)
        {
            var digests = new Digest?[tags.Count];
            using var gate = new SemaphoreSlim(ResolveConcurrency, ResolveConcurrency);
            await Task.WhenAll(tags.Select(async (tag, i) =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    digests[i] = (await target.ResolveAsync(tag, cancellationToken).ConfigureAwait(false)).Digest;
                }
                catch (OciException e) when (e.Kind == OciErrorKind.NotFound)
                {
                    log.Log(LogLevel.Warning, $"{repository.Name}:{tag} disappeared while listing: {e.Message}");
                }
                catch (Exception e) when (CopyErrors.IsExpected(e))
                {
                    throw CopyErrors.Wrap(e, ErrorSide.Source, null, repository.Name + ":" + tag);
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
            return digests;
        }
    }
}
