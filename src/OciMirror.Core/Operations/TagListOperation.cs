using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.References;
using OciMirror.Core.Registry;

namespace OciMirror.Core.Operations
{
    /// <summary>Lists the tags of a repository, filtered by wildcard patterns, optionally with their digests.</summary>
    public sealed class TagListOperation
    {
        /// <summary>Digest lookups (HEAD requests) running at once when <see cref="TagListRequest.ResolveDigests"/> is set.</summary>
        internal const int ResolveConcurrency = 5;

        private readonly IRepositoryProvider? _provider;

        public TagListOperation(TagListRequest request)
        {
            Request = request ?? throw new ArgumentNullException(nameof(request));
        }

        /// <summary>For tests and other compositions: lists through <paramref name="provider"/> (not disposed).</summary>
        internal TagListOperation(TagListRequest request, IRepositoryProvider provider)
            : this(request)
        {
            _provider = provider ?? throw new ArgumentNullException(nameof(provider));
        }

        public TagListRequest Request { get; }

        /// <summary>
        /// The tags matching one of <see cref="TagListRequest.Include"/> (all when empty) and none of
        /// <see cref="TagListRequest.Exclude"/>, in registry order. A tag deleted between listing and
        /// resolving keeps a null digest (with a warning).
        /// </summary>
        /// <exception cref="OciException">InvalidReference, NotFound, AuthenticationFailed…; ProtocolError when the repository cannot list tags.</exception>
        public async Task<IReadOnlyList<TagInfo>> RunAsync(ILogSink log, CancellationToken cancellationToken)
        {
            log ??= NullLogSink.Instance;
            Reference repository = Reference.ParseRepository(Request.Repository);
            if (_provider != null)
            {
                return await RunCoreAsync(_provider, repository, log, cancellationToken).ConfigureAwait(false);
            }

            using var client = new RegistryClient(Request.Source, log);
            return await RunCoreAsync(client, repository, log, cancellationToken).ConfigureAwait(false);
        }

        private async Task<IReadOnlyList<TagInfo>> RunCoreAsync(IRepositoryProvider provider, Reference repository, ILogSink log, CancellationToken cancellationToken)
        {
            ITarget target = provider.GetRepository(repository);
            if (!(target is ITagLister lister))
            {
                throw new OciException(OciErrorKind.ProtocolError, $"The repository {repository.Name} cannot list its tags.") { Reference = repository.Name };
            }

            IReadOnlyList<string> all = await lister.ListTagsAsync(cancellationToken).ConfigureAwait(false);
            var include = Request.Include.Where(p => !string.IsNullOrEmpty(p)).Select(p => new WildcardPattern(p)).ToList();
            var exclude = Request.Exclude.Where(p => !string.IsNullOrEmpty(p)).Select(p => new WildcardPattern(p)).ToList();
            List<string> tags = all.Where(t => (include.Count == 0 || include.Any(p => p.IsMatch(t))) && !exclude.Any(p => p.IsMatch(t))).ToList();
            log.Log(LogLevel.Verbose, $"{repository.Name}: {all.Count} tags, {tags.Count} selected.");
            var digests = new string?[tags.Count];
            if (Request.ResolveDigests && tags.Count > 0)
            {
                using var gate = new SemaphoreSlim(ResolveConcurrency, ResolveConcurrency);
                await Task.WhenAll(tags.Select((tag, i) => ResolveOneAsync(target, repository, tag, i, digests, gate, log, cancellationToken))).ConfigureAwait(false);
            }

            var result = new List<TagInfo>(tags.Count);
            for (int i = 0; i < tags.Count; i++)
            {
                result.Add(new TagInfo(repository.Registry, repository.Repository, tags[i], digests[i]));
            }

            return result;
        }

        private static async Task ResolveOneAsync(ITarget target, Reference repository, string tag, int index, string?[] digests, SemaphoreSlim gate, ILogSink log, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                digests[index] = (await target.ResolveAsync(tag, cancellationToken).ConfigureAwait(false)).Digest.ToString();
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
        }
    }
}
