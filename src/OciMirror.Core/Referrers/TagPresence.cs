using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Referrers
{
    /// <summary>
    /// Finds tags of one repository cheaply: the tag list is read once (one request per 1000 tags) and
    /// answers every later question without a request; when the repository cannot list its tags, each
    /// tag asked for is resolved instead (one HEAD). Thread-safe.
    /// </summary>
    internal sealed class TagPresence
    {
        private readonly IReadOnlyTarget _repository;
        private readonly ILogSink _log;
        private readonly Lazy<Task<HashSet<string>?>> _tags;

        public TagPresence(IReadOnlyTarget repository, ILogSink log)
        {
            _repository = repository;
            _log = log;
            _tags = new Lazy<Task<HashSet<string>?>>(ListAsync, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>The descriptor <paramref name="tag"/> points at, or null when there is no such tag.</summary>
        /// <exception cref="OciException">The repository could not be asked.</exception>
        public async Task<Descriptor?> FindAsync(string tag, CancellationToken cancellationToken)
        {
            HashSet<string>? tags = await _tags.Value.WaitOrCancelAsync(cancellationToken).ConfigureAwait(false);
            if (tags != null && !tags.Contains(tag))
            {
                return null;
            }

            try
            {
                return await _repository.ResolveAsync(tag, cancellationToken).ConfigureAwait(false);
            }
            catch (OciException e) when (e.Kind == OciErrorKind.NotFound)
            {
                return null;
            }
        }

        private async Task<HashSet<string>?> ListAsync()
        {
            if (!(_repository is ITagLister lister))
            {
                return null;
            }

            try
            {
                // Not the caller's token: the list is shared by every later question of the operation.
                IReadOnlyList<string> tags = await lister.ListTagsAsync(CancellationToken.None).ConfigureAwait(false);
                return new HashSet<string>(tags, StringComparer.Ordinal);
            }
            catch (OciException e)
            {
                _log.Log(LogLevel.Debug, $"Referrers: the tags of {_repository} cannot be listed ({e.Message}); each referrer tag is resolved instead.");
                return null;
            }
        }
    }
}
