using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Registry.Config
{
    /// <summary>
    /// Turns a <see cref="RawHostEntry"/> into <see cref="RegistryHostSettings"/>: known fields only,
    /// booleans as true/false, paths made absolute against the config file's directory (a leading
    /// <c>~/</c> is the home directory), <c>password-env</c> read from the environment. Errors name the file,
    /// the host and the field, never a value.
    /// </summary>
    internal static class HostSettingsBinder
    {
        public static readonly IReadOnlyList<string> Fields = new[] { "ca-file", "client-cert", "client-key", "insecure", "plain-http", "username", "password", "password-env", "authfile" };

        /// <exception cref="OciException">InvalidConfiguration naming the file, host and field.</exception>
        public static RegistryHostSettings Bind(RawHostEntry entry, string path, Func<string, string?> environment, string? home)
        {
            var settings = new RegistryHostSettings();
            string? passwordEnv = null;
            bool passwordSet = false;
            string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? string.Empty;
            foreach (RawField field in entry.Fields)
            {
                if (!Fields.Contains(field.Name))
                {
                    throw Error(path, entry, field, $"is not a known setting (known: {string.Join(", ", Fields)})");
                }

                if (!field.IsScalar)
                {
                    throw Error(path, entry, field, "must be a single value, not a map or a list");
                }

                if (field.Value == null)
                {
                    continue;
                }

                switch (field.Name)
                {
                    case "ca-file": settings.CertificateAuthorityFile = FilePath(field, entry, path, directory, home); break;
                    case "client-cert": settings.ClientCertificateFile = FilePath(field, entry, path, directory, home); break;
                    case "client-key": settings.ClientKeyFile = FilePath(field, entry, path, directory, home); break;
                    case "authfile": settings.AuthFile = FilePath(field, entry, path, directory, home); break;
                    case "insecure": settings.SkipTlsVerify = Boolean(field, entry, path); break;
                    case "plain-http": settings.PlainHttp = Boolean(field, entry, path); break;
                    case "username": settings.Username = field.Value; break;
                    case "password": settings.Password = field.Value; passwordSet = true; break;
                    case "password-env": passwordEnv = field.Value; break;
                }
            }

            if (passwordEnv != null)
            {
                RawField field = entry.Fields.First(f => f.Name == "password-env");
                if (passwordSet)
                {
                    throw Error(path, entry, field, "cannot be used together with 'password'");
                }

                settings.Password = environment(passwordEnv)
                    ?? throw Error(path, entry, field, $"names the environment variable '{passwordEnv}', which is not set");
            }

            if (settings.Password != null && string.IsNullOrEmpty(settings.Username))
            {
                throw Error(path, entry, entry.Fields.First(f => f.Name == (passwordEnv != null ? "password-env" : "password")), "needs a 'username' too");
            }

            if (!string.IsNullOrEmpty(settings.Username) && settings.Password == null)
            {
                throw Error(path, entry, entry.Fields.First(f => f.Name == "username"), "needs a 'password' or 'password-env' too");
            }

            if (settings.ClientKeyFile != null && settings.ClientCertificateFile == null)
            {
                throw Error(path, entry, entry.Fields.First(f => f.Name == "client-key"), "needs a 'client-cert' too");
            }

            return settings;
        }

        /// <summary>The error for one field of one host.</summary>
        public static OciException Error(string path, RawHostEntry entry, RawField field, string why) =>
            new OciException(OciErrorKind.InvalidConfiguration, $"The registry config file '{path}': host '{entry.Host}', field '{field.Name}' (line {field.Line}) {why}.")
            {
                Path = path,
                Registry = entry.Host,
                RecommendedAction = $"Fix '{field.Name}' of '{entry.Host}' in '{path}'.",
            };

        private static bool Boolean(RawField field, RawHostEntry entry, string path) =>
            string.Equals(field.Value, "true", StringComparison.OrdinalIgnoreCase) ? true
            : string.Equals(field.Value, "false", StringComparison.OrdinalIgnoreCase) ? false
            : throw Error(path, entry, field, "must be true or false");

        private static string FilePath(RawField field, RawHostEntry entry, string path, string directory, string? home)
        {
            string value = field.Value!.Trim();
            if (value.Length == 0)
            {
                throw Error(path, entry, field, "must be a file path, not empty");
            }

            if ((value == "~" || value.StartsWith("~/", StringComparison.Ordinal) || value.StartsWith("~\\", StringComparison.Ordinal)) && !string.IsNullOrEmpty(home))
            {
                value = Path.Combine(home, value.Length > 2 ? value.Substring(2) : string.Empty);
            }

            try
            {
                return Path.GetFullPath(Path.Combine(directory, value));
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                throw Error(path, entry, field, "is not a valid path");
            }
        }
    }
}
