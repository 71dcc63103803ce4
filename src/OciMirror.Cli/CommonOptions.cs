using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Registry;
using OciMirror.Core.Registry.Auth;

namespace OciMirror.Cli
{
    /// <summary>
    /// The options every verb shares: registry access (<c>--plain-http</c>, <c>--insecure</c>,
    /// <c>-u/-p</c>, <c>--password-stdin</c>, <c>--authfile</c>, <c>--ca-file</c>, <c>--cert-dir</c>,
    /// <c>--cert-file</c>, <c>--key-file</c>, <c>--registry-config</c>, <c>--read-timeout</c>), <c>--concurrency</c>, <c>--json</c>,
    /// <c>--verbose</c>, <c>--debug</c>.
    /// One instance per command (System.CommandLine symbols belong to one parent).
    /// </summary>
    internal sealed class CommonOptions
    {
        public Option<bool> PlainHttp { get; } = new Option<bool>("--plain-http")
        {
            Description = "Talk to the registry over http:// instead of https://.",
        };

        public Option<bool> Insecure { get; } = new Option<bool>("--insecure")
        {
            Description = "Do not verify the registry's TLS certificate.",
        };

        public Option<string?> Username { get; } = new Option<string?>("--username", "-u")
        {
            Description = "User name for the registry; without it, credentials come from --registry-config, the auth files and credential helpers, else anonymous.",
        };

        public Option<string?> Password { get; } = new Option<string?>("--password", "-p")
        {
            Description = "Password or token for the registry (prefer --password-stdin: command lines are visible to other users).",
        };

        public Option<string?> AuthFile { get; } = new Option<string?>("--authfile")
        {
            Description = "Credentials file (containers auth.json / docker config.json format) instead of REGISTRY_AUTH_FILE, ~/.docker/config.json and podman's auth.json.",
        };

        public Option<string?> CaFile { get; } = new Option<string?>("--ca-file")
        {
            Description = "PEM file of CA certificates trusted in addition to the system's, for every registry of the command.",
        };

        public Option<string[]> CertDir { get; } = new Option<string[]>("--cert-dir")
        {
            Description = "certs.d root to search for <host[:port]>/*.crt CAs and client.cert+client.key pairs; repeatable; replaces the defaults "
                + "(/etc/docker/certs.d, /etc/containers/certs.d, ~/.config/containers/certs.d, ~/.docker/certs.d); --cert-dir '' turns the search off.",
        };

        public Option<string?> CertFile { get; } = new Option<string?>("--cert-file")
        {
            Description = "Client certificate for mutual TLS: PEM (with --key-file) or a .pfx/.p12 without password.",
        };

        public Option<string?> KeyFile { get; } = new Option<string?>("--key-file")
        {
            Description = "PEM private key of --cert-file.",
        };

        public Option<string?> RegistryConfig { get; } = new Option<string?>("--registry-config")
        {
            Description = "YAML or JSON file of per-registry settings (ca-file, client-cert, client-key, insecure, plain-http, username, password-env, authfile); relative paths in it are relative to the file.",
        };

        public Option<bool> PasswordStdin { get; } = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from standard input (first line).",
        };

        public Option<int> ReadTimeout { get; } = new Option<int>("--read-timeout")
        {
            Description = "Seconds a registry may send no data in the middle of a body (or accept no upload data) before the transfer fails; a blob download first resumes. A slow trickle never times out. Default 60; 0 turns it off.",
            DefaultValueFactory = _ => 60,
        };

        public Option<int> Concurrency { get; } = new Option<int>("--concurrency")
        {
            Description = "Parallel transfers, 1-64.",
            DefaultValueFactory = _ => 4,
        };

        public Option<bool> Json { get; } = new Option<bool>("--json")
        {
            Description = "Write results to stdout as JSON Lines: one JSON object per artifact or tag.",
        };

        public Option<bool> Verbose { get; } = new Option<bool>("--verbose", "-v")
        {
            Description = "Write the engine log (requests, decisions) to stderr.",
        };

        public Option<bool> Debug { get; } = new Option<bool>("--debug")
        {
            Description = "Like --verbose, with debug detail. Credentials are never logged.",
        };

        /// <summary>Adds the options to <paramref name="command"/>.</summary>
        public void AddTo(Command command, bool withConcurrency)
        {
            command.Options.Add(PlainHttp);
            command.Options.Add(Insecure);
            command.Options.Add(Username);
            command.Options.Add(Password);
            command.Options.Add(PasswordStdin);
            command.Options.Add(AuthFile);
            command.Options.Add(CaFile);
            command.Options.Add(CertDir);
            command.Options.Add(CertFile);
            command.Options.Add(KeyFile);
            command.Options.Add(RegistryConfig);
            command.Options.Add(ReadTimeout);
            if (withConcurrency)
            {
                command.Options.Add(Concurrency);
            }

            command.Options.Add(Json);
            command.Options.Add(Verbose);
            command.Options.Add(Debug);
        }

        /// <summary>The most detailed engine log level to show, or null for warnings only.</summary>
        public LogLevel? LogLevelOf(ParseResult parse) =>
            parse.GetValue(Debug) ? LogLevel.Debug : parse.GetValue(Verbose) ? LogLevel.Verbose : (LogLevel?)null;

        /// <summary>The validated concurrency.</summary>
        /// <exception cref="UsageException">Outside 1–64.</exception>
        public int ConcurrencyOf(ParseResult parse)
        {
            int value = parse.GetValue(Concurrency);
            if (value < 1 || value > 64)
            {
                throw new UsageException($"--concurrency must be between 1 and 64 (got {value}).");
            }

            return value;
        }

        /// <summary>
        /// Builds the registry access options, reading the password from stdin with <c>--password-stdin</c>.
        /// Credentials come from <c>-u/-p</c> first, then the <c>--registry-config</c> host settings, then the
        /// auth files and credential helpers (DESIGN §7); which source was used is logged at debug level to
        /// <paramref name="log"/>, never a secret. Relative paths are taken from the current directory.
        /// </summary>
        /// <exception cref="UsageException">Conflicting or incomplete credential or certificate options.</exception>
        /// <exception cref="OciMirror.Core.Errors.OciException">InvalidConfiguration: an unusable <c>--registry-config</c> file.</exception>
        public async Task<RegistryAccessOptions> CreateAccessOptionsAsync(ParseResult parse, CliConsole console, ILogSink log, CancellationToken cancellationToken)
        {
            string? username = parse.GetValue(Username);
            string? password = parse.GetValue(Password);
            bool passwordStdin = parse.GetValue(PasswordStdin);
            if (passwordStdin && password != null)
            {
                throw new UsageException("--password and --password-stdin cannot be used together.");
            }

            if (passwordStdin)
            {
                password = (await console.Input.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.TrimEnd('\r', '\n');
                if (string.IsNullOrEmpty(password))
                {
                    throw new UsageException("--password-stdin was given but standard input held no password.");
                }
            }

            if (password != null && string.IsNullOrEmpty(username))
            {
                throw new UsageException("A password needs a user name: add -u/--username.");
            }

            if (!string.IsNullOrEmpty(username) && password == null)
            {
                throw new UsageException($"-u/--username needs a password: add -p/--password or --password-stdin.");
            }

            int readTimeout = parse.GetValue(ReadTimeout);
            if (readTimeout < 0)
            {
                throw new UsageException($"--read-timeout must be 0 (off) or a number of seconds (got {readTimeout}).");
            }

            string? keyFile = FullPath(parse.GetValue(KeyFile));
            string? certFile = FullPath(parse.GetValue(CertFile));
            if (keyFile != null && certFile == null)
            {
                throw new UsageException("--key-file needs --cert-file.");
            }

            string[]? certDirs = parse.GetResult(CertDir) == null ? null : (parse.GetValue(CertDir) ?? Array.Empty<string>()).Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => FullPath(d)!).ToArray();
            var builder = new RegistryAccessOptionsBuilder
            {
                Credential = string.IsNullOrEmpty(username) ? null : new RegistryCredential(username, password),
                AuthFile = FullPath(parse.GetValue(AuthFile)),
                PlainHttp = parse.GetValue(PlainHttp),
                SkipTlsVerify = parse.GetValue(Insecure),
                CertificateAuthorityFile = FullPath(parse.GetValue(CaFile)),
                CertificateDirectories = certDirs,
                ClientCertificateFile = certFile,
                ClientKeyFile = keyFile,
                RegistryConfigFile = FullPath(parse.GetValue(RegistryConfig)),
                ReadTimeout = TimeSpan.FromSeconds(readTimeout),
                Log = log,
            };
            return await builder.BuildAsync(cancellationToken).ConfigureAwait(false);
        }

        private static string? FullPath(string? path) => string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path);
    }
}
