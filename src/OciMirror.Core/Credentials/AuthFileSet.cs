using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Credentials
{
    /// <summary>
    /// The auth files of one resolver, each read at most once and only when a lookup reaches it: a broken
    /// file after the one that answers does not matter. Absent files are remembered as absent; parse errors
    /// are not remembered (the next lookup reports them again). Callers serialize access.
    /// </summary>
    internal sealed class AuthFileSet
    {
        private readonly ICredentialEnvironment _environment;
        private readonly Dictionary<string, DockerConfigFile?> _loaded = new Dictionary<string, DockerConfigFile?>();

        public AuthFileSet(ICredentialEnvironment environment, IReadOnlyList<AuthFileLocation> locations)
        {
            _environment = environment;
            Locations = locations;
        }

        public IReadOnlyList<AuthFileLocation> Locations { get; }

        /// <summary>The parsed file at <paramref name="location"/>, or null when it does not exist.</summary>
        /// <exception cref="OciException">IOFailed when a required file is missing or a file is unreadable; AuthenticationFailed for bad content.</exception>
        public async Task<DockerConfigFile?> GetAsync(AuthFileLocation location, CancellationToken cancellationToken)
        {
            if (_loaded.TryGetValue(location.Path, out DockerConfigFile? known))
            {
                return known;
            }

            DockerConfigFile? file = await DockerConfigFile.LoadAsync(_environment, location.Path, location.Format, cancellationToken).ConfigureAwait(false);
            if (file == null && location.Required)
            {
                throw new OciException(OciErrorKind.IOFailed, $"The auth file '{location.Path}' does not exist.")
                {
                    Path = location.Path,
                    RecommendedAction = "Check the -AuthFile/--authfile path, or log in with 'podman login --authfile' to create it.",
                };
            }

            _loaded[location.Path] = file;
            return file;
        }
    }
}
