using System;
using OciMirror.Core.Platforms;

namespace OciMirror.Core.Artifacts
{
    /// <summary>
    /// One manifest of an index being composed: where it is (a registry reference or <c>oci:PATH[:NAME]</c>) and,
    /// optionally, the platform its entry gets. Without one, the platform comes from the manifest's image config
    /// (os, architecture, variant, os.version, os.features); an artifact without an image config gets none. Immutable.
    /// </summary>
    public sealed class IndexSource
    {
        public IndexSource(string location, PlatformSpec? platform)
        {
            if (string.IsNullOrWhiteSpace(location))
            {
                throw new ArgumentException("A manifest of the index needs a location.", nameof(location));
            }

            Location = location.Trim();
            Platform = platform;
        }

        /// <summary>The manifest's location (see <see cref="ArtifactLocation"/>).</summary>
        public string Location { get; }

        /// <summary>The platform for its entry, or null to read it from the config.</summary>
        public PlatformSpec? Platform { get; }

        /// <summary>
        /// Parses <c>LOCATION[=PLATFORM]</c>, for example <c>oci:./el9=linux/arm64/v8:el9</c> or
        /// <c>registry.corp.local/app:amd64</c>: the platform follows the last '='.
        /// </summary>
        /// <exception cref="Errors.OciException">InvalidReference for a malformed platform.</exception>
        public static IndexSource Parse(string text)
        {
            string input = (text ?? string.Empty).Trim();
            int equals = input.LastIndexOf('=');
            return equals < 0
                ? new IndexSource(input, null)
                : new IndexSource(input.Substring(0, equals), PlatformSpec.Parse(input.Substring(equals + 1)));
        }

        public override string ToString() => Platform == null ? Location : Location + "=" + Platform.Text;
    }
}
