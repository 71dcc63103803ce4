using System;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Platforms;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// The platform step every copying verb shares (export, import; copy and sync call it the same way):
    /// select, report failures with their side, and warn when the result is a new digest.
    /// </summary>
    internal static class PlatformStep
    {
        /// <summary>
        /// Runs <paramref name="filter"/> on <paramref name="resolved"/>. A filtered index (a new digest) is
        /// also logged as a warning to <paramref name="log"/>, naming <paramref name="reference"/>.
        /// </summary>
        /// <exception cref="OciException">What <see cref="PlatformFilter.SelectAsync"/> throws, with <paramref name="side"/>, digest and reference set.</exception>
        public static async Task<PlatformChoice> SelectAsync(PlatformFilter filter, IFetchable source, Descriptor resolved, string reference, ErrorSide side, ILogSink log, CancellationToken cancellationToken)
        {
            PlatformChoice choice;
            try
            {
                choice = await filter.SelectAsync(source, resolved, reference, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                throw CopyErrors.Wrap(e, side, resolved, reference);
            }

            if (choice.DigestChanged)
            {
                log.Log(LogLevel.Warning, $"{reference}: {choice.Note}.");
            }

            return choice;
        }
    }
}
