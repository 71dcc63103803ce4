using System;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Copy;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.References;

namespace OciMirror.Core.Artifacts
{
    /// <summary>
    /// Finds the subject of a push in its destination: referrers are listed per repository (distribution spec
    /// "Listing Referrers"), so the subject must be there already.
    /// </summary>
    internal static class SubjectResolver
    {
        /// <exception cref="OciException">InvalidReference: a reference to another repository; NotFound: not in the destination.</exception>
        public static async Task<Descriptor> ResolveAsync(string subject, LocationDestination destination, CancellationToken cancellationToken)
        {
            string text = subject.Trim().TrimStart('@');
            string name = text;
            if (!destination.Location.IsBundle && !Layout.LayoutNameResolver.IsDigest(text, out _) && !References.Reference.IsValidTag(text))
            {
                Reference parsed = References.Reference.Parse(text);
                if (parsed.Name != destination.Location.Reference!.Name)
                {
                    throw new OciException(OciErrorKind.InvalidReference, $"Subject {parsed} is not in {destination.Location.Reference.Name}, the repository pushed to; referrers are listed per repository.")
                    {
                        Reference = subject,
                        RecommendedAction = "Push the artifact to the repository of its subject, or copy the subject there first.",
                    };
                }

                name = parsed.ResolveTarget;
            }

            try
            {
                return await destination.Target.ResolveAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                OciException error = CopyErrors.Wrap(e, ErrorSide.Destination, null, subject);
                if (error.Kind != OciErrorKind.NotFound)
                {
                    throw error;
                }

                throw new OciException(OciErrorKind.NotFound, $"Subject '{subject}' is not in {destination.Display}: {error.Message}", error)
                {
                    Side = ErrorSide.Destination,
                    Reference = subject,
                    RecommendedAction = "Push or copy the subject image there first, or name it by a tag or digest that is there.",
                };
            }
        }
    }
}
