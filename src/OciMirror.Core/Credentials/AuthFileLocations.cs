using System;
using System.Collections.Generic;
using System.IO;

namespace OciMirror.Core.Credentials
{
    /// <summary>The auth files to read, in precedence order (DESIGN.md §7, conventions A4).</summary>
    internal static class AuthFileLocations
    {
        /// <summary>
        /// An explicit <paramref name="authFile"/> alone; otherwise <c>REGISTRY_AUTH_FILE</c>, then
        /// <c>$DOCKER_CONFIG/config.json</c> or <c>~/.docker/config.json</c>, then podman's auth.json:
        /// <c>$XDG_RUNTIME_DIR/containers/auth.json</c> (not on Windows), then
        /// <c>${XDG_CONFIG_HOME:-$HOME/.config}/containers/auth.json</c>, then
        /// <c>$HOME/.config/containers/auth.json</c> (the primary place on Windows and macOS, also read when
        /// XDG_CONFIG_HOME points elsewhere). A path listed twice is read once, at its first position.
        /// </summary>
        public static IReadOnlyList<AuthFileLocation> Resolve(ICredentialEnvironment environment, string? authFile)
        {
            if (!string.IsNullOrWhiteSpace(authFile))
            {
                return new[] { new AuthFileLocation(authFile!, AuthFileFormat.Containers, "auth file", required: true) };
            }

            var list = new List<AuthFileLocation>();
            var seen = new HashSet<string>(environment.IsWindows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            void Add(string? path, AuthFileFormat format, string source)
            {
                if (path != null && seen.Add(path))
                {
                    list.Add(new AuthFileLocation(path, format, source, required: false));
                }
            }

            string? home = environment.HomeDirectory;
            Add(environment.GetEnvironmentVariable("REGISTRY_AUTH_FILE"), AuthFileFormat.Containers, "REGISTRY_AUTH_FILE");
            string? dockerConfig = environment.GetEnvironmentVariable("DOCKER_CONFIG") ?? (home == null ? null : Path.Combine(home, ".docker"));
            Add(dockerConfig == null ? null : Path.Combine(dockerConfig, "config.json"), AuthFileFormat.Docker, "docker config");
            string? runtime = environment.IsWindows ? null : environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
            Add(runtime == null ? null : Path.Combine(runtime, "containers", "auth.json"), AuthFileFormat.Containers, "podman auth.json");
            string? config = environment.GetEnvironmentVariable("XDG_CONFIG_HOME") ?? (home == null ? null : Path.Combine(home, ".config"));
            Add(config == null ? null : Path.Combine(config, "containers", "auth.json"), AuthFileFormat.Containers, "podman auth.json");
            if (home != null)
            {
                Add(Path.Combine(home, ".config", "containers", "auth.json"), AuthFileFormat.Containers, "podman auth.json");
            }

            return list;
        }
    }
}
