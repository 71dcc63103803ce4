using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit.Sdk;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>Searches captured output for secrets (passwords, base64 auth strings, tokens, refresh tokens).</summary>
    public static class SecretScan
    {
        /// <summary>The base64 <c>user:password</c> string of a Basic header or a config.json <c>auth</c> field.</summary>
        public static string BasicAuth(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

        /// <summary>
        /// Fails, naming the stream, the secret's label and the surrounding text, when any secret occurs in
        /// any stream. JWTs are also searched by their signature part alone (a log could cut the rest).
        /// </summary>
        public static void AssertNoneLeaked(IEnumerable<(string Stream, string Text)> streams, IEnumerable<(string Label, string Secret)> secrets)
        {
            var needles = new List<(string Label, string Needle)>();
            foreach (var (label, secret) in secrets)
            {
                if (string.IsNullOrEmpty(secret) || secret.Length < 6)
                {
                    throw new ArgumentException($"Secret '{label}' is too short to search for reliably.");
                }

                needles.Add((label, secret));
                string[] parts = secret.Split('.');
                if (parts.Length == 3 && parts[2].Length >= 16)
                {
                    needles.Add((label + " (JWT signature)", parts[2]));
                }
            }

            var problems = new List<string>();
            foreach (var (stream, text) in streams)
            {
                foreach (var (label, needle) in needles)
                {
                    int at = text.IndexOf(needle, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        int start = Math.Max(0, at - 80);
                        problems.Add($"{label} found in {stream}: …{text.Substring(start, Math.Min(text.Length - start, 200))}…");
                    }
                }
            }

            if (problems.Count > 0)
            {
                throw new XunitException("Secrets leaked:\n" + string.Join("\n", problems));
            }
        }
    }
}
