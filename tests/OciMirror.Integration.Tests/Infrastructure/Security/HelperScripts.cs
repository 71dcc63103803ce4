using System;
using System.IO;
using System.Threading.Tasks;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// Installs <c>docker-credential-NAME</c> shell scripts. The executable is written by a child process
    /// (<c>install -m 0755</c>), never opened for writing by the test process itself: a file this process
    /// had open for writing while another test thread forked (every registry start forks) could fail to
    /// exec with ETXTBSY ("text file busy").
    /// </summary>
    public static class HelperScripts
    {
        /// <summary>Installs <c>BIN/docker-credential-NAME</c> running <paramref name="body"/> under /bin/sh.</summary>
        public static async Task<string> InstallAsync(string binDirectory, string name, string body)
        {
            Directory.CreateDirectory(binDirectory);
            string source = Path.Combine(Path.GetDirectoryName(binDirectory.TrimEnd('/'))!, "helper-" + name + ".sh.txt");
            await File.WriteAllTextAsync(source, "#!/bin/sh\n" + body.Replace("\r\n", "\n") + "\n").ConfigureAwait(false);
            string target = Path.Combine(binDirectory, "docker-credential-" + name);
            var (code, output) = await ExternalProcess.RunAsync(ExternalTool.Require("install", "coreutils"), "-m", "0755", source, target).ConfigureAwait(false);
            if (code != 0)
            {
                throw new InvalidOperationException("Could not install the helper script: " + output);
            }

            return target;
        }

        /// <summary>
        /// A helper following the docker credential protocol: for <c>get</c> with <paramref name="serverUrl"/>
        /// on stdin it prints the credentials; for anything else "credentials not found" and exit 1. Each
        /// call appends a line to <c>LOG</c> (so tests can count calls).
        /// </summary>
        public static string Protocol(string serverUrl, string username, string secret, string log) =>
            "[ \"$1\" = get ] || exit 3\n" +
            "read -r url\n" +
            "echo \"$url\" >> '" + log + "'\n" +
            "if [ \"$url\" = '" + serverUrl + "' ]; then\n" +
            "  printf '{\"ServerURL\":\"%s\",\"Username\":\"%s\",\"Secret\":\"%s\"}\\n' \"$url\" '" + username + "' '" + secret + "'\n" +
            "  exit 0\n" +
            "fi\n" +
            "echo 'credentials not found in native keychain'\n" +
            "exit 1";
    }
}
