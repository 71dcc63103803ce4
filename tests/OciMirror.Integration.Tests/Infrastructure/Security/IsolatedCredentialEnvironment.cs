using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Credentials;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// A private machine for the credential resolver, passed through the Core API instead of touching the
    /// process environment (tests run in parallel): only the variables a test sets exist, HOME is
    /// <c>ROOT/home</c>, PATH is <c>ROOT/bin</c>; files and processes are real.
    /// </summary>
    public sealed class IsolatedCredentialEnvironment : ICredentialEnvironment
    {
        private readonly Dictionary<string, string> _variables = new Dictionary<string, string>(StringComparer.Ordinal);

        public IsolatedCredentialEnvironment(string root)
        {
            Home = Path.Combine(root, "home");
            Bin = Path.Combine(root, "bin");
            Directory.CreateDirectory(Home);
            Directory.CreateDirectory(Bin);
            _variables["PATH"] = Bin;
            _variables["HOME"] = Home;
        }

        public string Home { get; }

        /// <summary>The only PATH entry: where <see cref="HelperScripts"/> installs helpers.</summary>
        public string Bin { get; }

        public bool IsWindows => false;

        public string? HomeDirectory => Home;

        public IProcessRunner Processes => ProcessRunner.Instance;

        public string? this[string name]
        {
            get => GetEnvironmentVariable(name);
            set
            {
                if (value == null)
                {
                    _variables.Remove(name);
                }
                else
                {
                    _variables[name] = value;
                }
            }
        }

        public string? GetEnvironmentVariable(string name) => _variables.TryGetValue(name, out string? v) && v.Length > 0 ? v : null;

        public bool FileExists(string path) => File.Exists(path);

        public Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken) => SystemCredentialEnvironment.ReadTextFileAsync(path, cancellationToken);
    }
}
