using System.Text.RegularExpressions;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Files
{
    /// <summary>Checks media types given by the user against RFC 6838 (image-spec descriptor.md: mediaType MUST comply with it).</summary>
    internal static class MediaTypeText
    {
        private static readonly Regex Pattern = new Regex(
            @"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$", RegexOptions.CultureInvariant);

        /// <summary>Returns <paramref name="mediaType"/> when it is valid.</summary>
        /// <exception cref="OciException">InvalidReference naming <paramref name="what"/> and the value.</exception>
        public static string Check(string mediaType, string what)
        {
            if (!Pattern.IsMatch(mediaType))
            {
                throw new OciException(OciErrorKind.InvalidReference, $"The media type '{mediaType}' of {what} is not valid: a media type is type/subtype (RFC 6838), for example text/plain or application/vnd.acme.rocket.docs.layer.v1+tar.")
                {
                    Reference = mediaType,
                    RecommendedAction = "Write FILE:TYPE with a type/subtype media type, or leave the type out for the default.",
                };
            }

            return mediaType;
        }
    }
}
