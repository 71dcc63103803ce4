using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Credentials
{
    /// <summary>
    /// Everything the credential sources read from the machine: environment variables, the home
    /// directory, the operating system, files and child processes. The default,
    /// <see cref="SystemCredentialEnvironment"/>, reads the real process environment; tests supply their
    /// own so that no developer's <c>~/.docker/config.json</c> leaks into a result.
    /// </summary>
    public interface ICredentialEnvironment
    {
        /// <summary>True on Windows: helpers are <c>docker-credential-&lt;name&gt;.exe</c>, PATH is split on ';',
        /// and podman's auth.json lives under <c>$HOME/.config</c> rather than <c>$XDG_RUNTIME_DIR</c>.</summary>
        bool IsWindows { get; }

        /// <summary>The user's home directory (<c>HOME</c>, or <c>USERPROFILE</c> on Windows), or null when unknown.</summary>
        string? HomeDirectory { get; }

        /// <summary>Runs credential helpers.</summary>
        IProcessRunner Processes { get; }

        /// <summary>The value of an environment variable, or null when it is unset or empty.</summary>
        string? GetEnvironmentVariable(string name);

        /// <summary>True when <paramref name="path"/> names an existing file.</summary>
        bool FileExists(string path);

        /// <summary>
        /// The whole text (UTF-8) of <paramref name="path"/>, or null when the file or its directory does not exist.
        /// </summary>
        /// <exception cref="Errors.OciException">Kind IOFailed when the file exists but cannot be read; the message names the file.</exception>
        Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken);
    }
}
