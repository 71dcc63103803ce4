using System;
using System.ComponentModel;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry.Auth;

namespace OciMirror.Core.Credentials
{
    /// <summary>
    /// Client of the docker credential helper protocol: runs <c>docker-credential-&lt;name&gt; get</c>
    /// (<c>.exe</c> on Windows) found on PATH, writes the server URL to stdin (<c>https://index.docker.io/v1/</c>
    /// for Docker Hub, else the host[:port]) and reads <c>{"ServerURL","Username","Secret"}</c> from stdout.
    /// A helper needs a child process, which Azure Automation sandboxes forbid; that is why helpers are
    /// the last source the <see cref="CredentialResolver"/> consults.
    /// </summary>
    public sealed class CredentialHelperClient
    {
        /// <summary>The default time a helper may take before it is killed.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

        private static readonly Regex NamePattern = new Regex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant);

        private readonly ICredentialEnvironment _environment;
        private readonly TimeSpan _timeout;

        /// <param name="environment">PATH, the OS and the process runner.</param>
        /// <param name="timeout">How long a helper may run; <see cref="DefaultTimeout"/> when null.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not positive.</exception>
        public CredentialHelperClient(ICredentialEnvironment environment, TimeSpan? timeout = null)
        {
            _environment = environment ?? throw new ArgumentNullException(nameof(environment));
            _timeout = timeout ?? DefaultTimeout;
            if (_timeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(timeout), "The credential helper timeout must be positive.");
            }
        }

        /// <summary>The executable name for helper suffix <paramref name="helper"/>: <c>docker-credential-&lt;helper&gt;[.exe]</c>.</summary>
        public string ExecutableName(string helper) => "docker-credential-" + helper + (_environment.IsWindows ? ".exe" : string.Empty);

        /// <summary>The full path of the helper's executable on PATH (empty PATH entries are skipped), or null.</summary>
        public string? FindExecutable(string helper)
        {
            string name = ExecutableName(helper);
            string? path = _environment.GetEnvironmentVariable("PATH");
            foreach (string entry in (path ?? string.Empty).Split(_environment.IsWindows ? ';' : ':'))
            {
                string directory = entry.Trim().Trim('"');
                if (directory.Length > 0)
                {
                    string candidate = Path.Combine(directory, name);
                    if (_environment.FileExists(candidate))
                    {
                        return candidate;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// Asks helper <paramref name="helper"/> for the credentials of <paramref name="registry"/>.
        /// Returns null when the helper answers "credentials not found" (anonymous access, not an error).
        /// A <c>Username</c> of <c>&lt;token&gt;</c> makes <c>Secret</c> an identity token.
        /// </summary>
        /// <exception cref="OciException">Kind AuthenticationFailed when the helper name is invalid, the
        /// executable is not on PATH, cannot start, fails, or prints something that is not the protocol's
        /// JSON, or writes more than 1 MiB; kind Timeout when it does not finish in time (it is killed). Messages name the executable
        /// and the registry and never contain the helper's stdout on success paths.</exception>
        public async Task<RegistryCredential?> GetAsync(string helper, string registry, CancellationToken cancellationToken)
        {
            if (helper == null || !NamePattern.IsMatch(helper))
            {
                throw Fail(OciErrorKind.AuthenticationFailed, registry, $"The credential helper name '{helper}' configured for '{registry}' is not valid (letters, digits, '.', '_', '-').", null);
            }

            string executable = ExecutableName(helper);
            string path = FindExecutable(helper) ?? throw Fail(
                OciErrorKind.AuthenticationFailed,
                registry,
                $"The credential helper '{executable}' configured for '{registry}' was not found on PATH.",
                $"Install '{executable}' or remove it from 'credsStore'/'credHelpers' in the docker config; where no process may run (Azure Automation sandboxes), pass -Credential instead.");

            ProcessRunResult result;
            try
            {
                result = await _environment.Processes.RunAsync(path, "get", AuthKeys.HelperServerUrl(registry), _timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw Fail(OciErrorKind.Timeout, registry, $"The credential helper '{executable}' did not answer for '{registry}' within {_timeout.TotalSeconds:0.###} s and was stopped.", "Check that the helper does not wait for a prompt or an unlocked keyring.");
            }
            catch (InvalidDataException)
            {
                // Only the size: the output may hold a secret.
                throw Fail(OciErrorKind.AuthenticationFailed, registry, $"The credential helper '{executable}' wrote more than {ProcessRunner.MaxOutputLength / (1024 * 1024)} MiB of output for '{registry}', far more than any credential, and was stopped.", "Check that the helper implements the docker credential helper protocol ('echo <server> | " + executable + " get').");
            }
            catch (Exception e) when (e is Win32Exception || e is InvalidOperationException || e is IOException)
            {
                throw Fail(OciErrorKind.AuthenticationFailed, registry, $"The credential helper '{path}' for '{registry}' could not be started: {e.Message}", "Check that the helper is executable.");
            }

            return CredentialHelperResponse.Interpret(result, executable, registry);
        }

        internal static OciException Fail(OciErrorKind kind, string registry, string message, string? action) =>
            new OciException(kind, message) { Registry = registry, RecommendedAction = action };
    }
}
