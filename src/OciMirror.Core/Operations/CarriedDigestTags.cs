using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Model;
using OciMirror.Core.References;
using OciMirror.Core.Selection;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// How sync's tag selection and referrer carrying meet. When referrers are carried, the cosign digest tags
    /// of a selected image (<c>sha256-&lt;hex&gt;.sig</c>, <c>.att</c>, <c>.sbom</c>) are not copied as tags of
    /// their own: they travel as referrers of that image, once, after it (reported with its digest), and the
    /// tag is recreated then. Every other digest tag the selection keeps is copied as a tag, as before: a
    /// cosign tag whose image the selection did not keep (nothing is dropped), and a referrers tag schema
    /// index (<c>sha256-&lt;hex&gt;</c>: copied byte for byte, so the referrers carried later are already
    /// listed in it). <c>digest-tags: exclude</c> with referrers carried leaves every digest tag to referrer
    /// carrying.
    /// </summary>
    internal static class CarriedDigestTags
    {
        /// <summary>
        /// <paramref name="tags"/> without the cosign digest tags whose digest is that of another selected tag
        /// (resolved with HEAD requests, only when the selection holds a cosign digest tag at all).
        /// </summary>
        public static async Task<IReadOnlyList<(string Tag, Digest? Digest)>> RemoveAsync(ITarget target, Reference repository, IReadOnlyList<(string Tag, Digest? Digest)> tags, ILogSink log, CancellationToken cancellationToken)
        {
            var images = tags.Where(t => !DigestTag.IsDigestTag(t.Tag)).ToList();
            if (!tags.Any(t => DigestTag.TryParse(t.Tag, out _, out string? suffix) && suffix != null))
            {
                return tags;
            }

            Digest?[] resolved = images.All(t => t.Digest != null)
                ? images.Select(t => t.Digest).ToArray()
                : await SelectedTags.ResolveAsync(target, repository, images.Select(t => t.Tag).ToList(), log, cancellationToken).ConfigureAwait(false);
            var selected = new HashSet<Digest>(resolved.Where(d => d != null).Select(d => d!.Value));
            var kept = new List<(string, Digest?)>(tags.Count);
            var carried = new List<string>();
            foreach ((string Tag, Digest? Digest) tag in tags)
            {
                if (DigestTag.TryParse(tag.Tag, out Digest subject, out string? suffix) && suffix != null && selected.Contains(subject))
                {
                    carried.Add(tag.Tag);
                }
                else
                {
                    kept.Add(tag);
                }
            }

            if (carried.Count > 0)
            {
                log.Log(LogLevel.Verbose, $"{repository.Name}: {carried.Count} digest tag(s) ({string.Join(", ", carried)}) are left to referrer carrying, not copied as tags of their own.");
            }

            return kept;
        }
    }
}
