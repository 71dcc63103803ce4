using System;
using System.IO;
using System.Threading.Tasks;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>Writes bcrypt htpasswd files with the real <c>htpasswd -Bbn</c> (Debian apache2-utils).</summary>
    public static class Htpasswd
    {
        /// <summary>Writes <paramref name="path"/> with one bcrypt line per user.</summary>
        /// <exception cref="InvalidOperationException">htpasswd is missing or failed.</exception>
        public static async Task WriteAsync(string path, params (string User, string Password)[] users)
        {
            string tool = ExternalTool.Require("htpasswd", "apache2-utils");
            using var text = new StringWriter();
            foreach (var (user, password) in users)
            {
                var (code, output) = await ExternalProcess.RunAsync(tool, "-Bbn", user, password).ConfigureAwait(false);
                string line = Array.Find(output.Split('\n'), l => l.StartsWith(user + ":$2", StringComparison.Ordinal)) ?? string.Empty;
                if (code != 0 || line.Length == 0)
                {
                    throw new InvalidOperationException($"htpasswd -Bbn {user} failed with exit code {code}:\n{output}");
                }

                text.Write(line.Trim() + "\n");
            }

            await File.WriteAllTextAsync(path, text.ToString()).ConfigureAwait(false);
        }
    }
}
