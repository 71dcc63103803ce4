using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.References;
using OciMirror.Core.Registry;
using OciMirror.Core.Selection;

namespace OciMirror.Core.Operations
{
    /// <summary>Lists the tags of a repository, filtered by a <see cref="TagSelection"/>, optionally with their digests.</summary>
    public sealed class TagListOperation
    {
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
        /// The tags <see cref="TagListRequest.Selection"/> (with the Include/Exclude shorthands) keeps, in
        /// registry order; digest tags kept with their images come last. A tag deleted between listing and
        /// resolving keeps a null digest (with a warning).
        /// </summary>
        /// <exception cref="OciException">InvalidReference, NotFound, AuthenticationFailed…; ProtocolError when the repository cannot list tags.</exception>
        /// <exception cref="FormatException">The selection is invalid (a regular expression, the range); the message names it.</exception>
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
            TagSelector selector = EffectiveSelection().Compile();
            ITarget target = provider.GetRepository(repository);
            IReadOnlyList<(string Tag, Digest? Digest)> tags = await SelectedTags.ListAsync(target, repository, selector, Request.ResolveDigests, log, cancellationToken).ConfigureAwait(false);
            return tags.Select(t => new TagInfo(repository.Registry, repository.Repository, t.Tag, Request.ResolveDigests ? t.Digest?.ToString() : null)).ToList();
        }

        /// <summary>The request's <see cref="TagListRequest.Selection"/> with its Include/Exclude shorthands added.</summary>
        private TagSelection EffectiveSelection()
        {
            TagSelection selection = Request.Selection ?? new TagSelection();
            return new TagSelection
            {
                Include = selection.Include.Concat(Request.Include).ToArray(),
                IncludeRegex = selection.IncludeRegex,
                Exclude = selection.Exclude.Concat(Request.Exclude).ToArray(),
                ExcludeRegex = selection.ExcludeRegex,
                SemverRange = selection.SemverRange,
                Latest = selection.Latest,
                Prereleases = selection.Prereleases,
                DigestTags = selection.DigestTags,
            };
        }
    }
}
