using System;
using System.IO;

namespace OciMirror.Integration.Tests.Infrastructure
{
    /// <summary>Finds the external programs the integration tests need, failing loudly (never skipping) when one is missing.</summary>
    internal static class ExternalTool
    {
        /// <summary>The full path of <paramref name="name"/> on PATH.</summary>
        /// <exception cref="InvalidOperationException">Not installed; the message says how to install it.</exception>
        public static string Require(string name, string debianPackage)
        {
            string? found = Find(name);
            if (found == null)
            {
                throw new InvalidOperationException(
                    $"'{name}' was not found on PATH. The integration tests need it: install the Debian package with " +
                    $"'sudo apt-get install -y {debianPackage}' (./scripts/test.sh does this), then run the tests again.");
            }

            return found;
        }

        private static string? Find(string name)
        {
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
            {
                if (dir.Length == 0)
                {
                    continue;
                }

                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            foreach (string dir in new[] { "/usr/bin", "/usr/local/bin", "/usr/sbin" })
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}
