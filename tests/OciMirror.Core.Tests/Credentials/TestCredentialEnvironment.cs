using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Credentials;

namespace OciMirror.Core.Tests.Credentials
{
    /// <summary>
    /// A private machine in a temp directory: only the variables a test sets exist, HOME is
    /// &lt;temp&gt;/home, PATH is &lt;temp&gt;/bin, files and processes are real.
    /// </summary>
    public sealed class TestCredentialEnvironment : ICredentialEnvironment, IDisposable
    {
        private readonly Dictionary<string, string> _variables = new Dictionary<string, string>(StringComparer.Ordinal);

        public TestCredentialEnvironment()
        {
            Root = Path.Combine(Path.GetTempPath(), "ocimirror-creds-" + Guid.NewGuid().ToString("N"));
            Home = Path.Combine(Root, "home");
            Bin = Path.Combine(Root, "bin");
            Directory.CreateDirectory(Home);
            Directory.CreateDirectory(Bin);
            _variables["PATH"] = Bin;
        }

        public string Root { get; }

        public string Home { get; }

        public string Bin { get; }

        public bool IsWindows { get; set; }

        public string? HomeDirectory => Home;

        public IProcessRunner Processes { get; set; } = ProcessRunner.Instance;

        public List<string> FilesRead { get; } = new List<string>();

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

        public Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken)
        {
            lock (FilesRead)
            {
                FilesRead.Add(path);
            }

            return SystemCredentialEnvironment.ReadTextFileAsync(path, cancellationToken);
        }

        /// <summary>Writes <paramref name="content"/> to &lt;temp&gt;/<paramref name="relativePath"/> and returns the full path.</summary>
        public string WriteFile(string relativePath, string content)
        {
            string path = Path.Combine(Root, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            return path;
        }

        /// <summary>Writes an executable <c>#!/bin/sh</c> script <c>bin/docker-credential-&lt;name&gt;</c>.</summary>
        public string WriteHelper(string name, string body)
        {
            string path = WriteFile(Path.Combine("bin", "docker-credential-" + name), "#!/bin/sh\n" + body.Replace("\r\n", "\n") + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            return path;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
