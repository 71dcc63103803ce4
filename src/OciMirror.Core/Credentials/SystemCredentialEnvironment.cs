using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Credentials
{
    /// <summary>
    /// The real machine: the process environment variables, the user's home directory, the file system
    /// and <see cref="ProcessRunner"/>.
    /// </summary>
    public sealed class SystemCredentialEnvironment : ICredentialEnvironment
    {
        /// <summary>The shared instance.</summary>
        public static readonly SystemCredentialEnvironment Instance = new SystemCredentialEnvironment();

        /// <inheritdoc />
        public bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <inheritdoc />
        /// <remarks>Like the docker CLI's homedir.Get: <c>USERPROFILE</c> on Windows, <c>HOME</c> elsewhere,
        /// then the runtime's idea of the user profile.</remarks>
        public string? HomeDirectory
        {
            get
            {
                string? home = GetEnvironmentVariable(IsWindows ? "USERPROFILE" : "HOME");
                if (home != null)
                {
                    return home;
                }

                string profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                return string.IsNullOrEmpty(profile) ? null : profile;
            }
        }

        /// <inheritdoc />
        public IProcessRunner Processes => ProcessRunner.Instance;

        /// <inheritdoc />
        public string? GetEnvironmentVariable(string name)
        {
            string? value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrEmpty(value) ? null : value;
        }

        /// <inheritdoc />
        public bool FileExists(string path) => File.Exists(path);

        /// <inheritdoc />
        public Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken) => ReadTextFileAsync(path, cancellationToken);

        /// <summary>
        /// Reads a UTF-8 text file (a BOM is honoured); null when it or its directory does not exist.
        /// Shared with test environments that read real files.
        /// </summary>
        /// <exception cref="OciException">Kind IOFailed when the file exists but cannot be read.</exception>
        public static async Task<string?> ReadTextFileAsync(string path, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
                using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
                return await reader.ReadToEndAsync().ConfigureAwait(false);
            }
            catch (FileNotFoundException)
            {
                return null;
            }
            catch (DirectoryNotFoundException)
            {
                return null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot read credentials file '{path}': {e.Message}", e)
                {
                    Path = path,
                    RecommendedAction = "Check that the file is readable by the current user.",
                };
            }
        }
    }
}
