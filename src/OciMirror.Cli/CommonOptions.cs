using System;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Registry;

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
            AccessValues shared = await ReadSharedAsync(parse, console, cancellationToken).ConfigureAwait(false);
            return await shared.BuildAsync(parse.GetValue(RegistryConfig), log, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The access options of the source and the destination of <c>copy</c>/<c>sync</c>: the unprefixed flags
        /// apply to both sides, <c>--src-…</c> and <c>--dest-…</c> override them for one side. At most one of
        /// <c>--password-stdin</c>, <c>--src-password-stdin</c>, <c>--dest-password-stdin</c> reads stdin.
        /// </summary>
        /// <exception cref="UsageException">Conflicting or incomplete flags of a side.</exception>
        /// <exception cref="OciMirror.Core.Errors.OciException">InvalidConfiguration: an unusable <c>--registry-config</c> file.</exception>
        public async Task<(RegistryAccessOptions Source, RegistryAccessOptions Destination)> CreateSidesAsync(ParseResult parse, CliConsole console, SideOptions source, SideOptions destination, ILogSink log, CancellationToken cancellationToken)
        {
            int stdinReaders = new[] { parse.GetValue(PasswordStdin), parse.GetValue(source.PasswordStdin), parse.GetValue(destination.PasswordStdin) }.Count(b => b);
            if (stdinReaders > 1)
            {
                throw new UsageException("Only one of --password-stdin, --src-password-stdin and --dest-password-stdin can read standard input; put the other password in an auth file (--src-authfile, --dest-authfile).");
            }

            AccessValues shared = await ReadSharedAsync(parse, console, cancellationToken).ConfigureAwait(false);
            AccessValues src = await ReadSideAsync(parse, console, source, cancellationToken).ConfigureAwait(false);
            AccessValues dest = await ReadSideAsync(parse, console, destination, cancellationToken).ConfigureAwait(false);
            string? config = parse.GetValue(RegistryConfig);
            return (
                await src.Over(shared).BuildAsync(config, log, cancellationToken).ConfigureAwait(false),
                await dest.Over(shared).BuildAsync(config, log, cancellationToken).ConfigureAwait(false));
        }

        /// <summary>True when some flag of the command reads a password from standard input.</summary>
        public bool ReadsStdin(ParseResult parse, params SideOptions[] sides) =>
            parse.GetValue(PasswordStdin) || sides.Any(s => parse.GetValue(s.PasswordStdin));

        private async Task<AccessValues> ReadSharedAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
        {
            var values = new AccessValues
            {
                Username = parse.GetValue(Username),
                Password = parse.GetValue(Password),
                AuthFile = parse.GetValue(AuthFile),
                CaFile = parse.GetValue(CaFile),
                CertDirs = parse.GetResult(CertDir) == null ? null : parse.GetValue(CertDir) ?? Array.Empty<string>(),
                CertFile = parse.GetValue(CertFile),
                KeyFile = parse.GetValue(KeyFile),
                PlainHttp = parse.GetValue(PlainHttp),
                Insecure = parse.GetValue(Insecure),
                ReadTimeoutSeconds = parse.GetValue(ReadTimeout),
            };
            if (values.ReadTimeoutSeconds < 0)
            {
                throw new UsageException($"--read-timeout must be 0 (off) or a number of seconds (got {values.ReadTimeoutSeconds}).");
            }

            if (parse.GetValue(PasswordStdin))
            {
                await ReadPasswordAsync(values, console, "--password-stdin", "--password", cancellationToken).ConfigureAwait(false);
            }

            return values;
        }

        private static async Task<AccessValues> ReadSideAsync(ParseResult parse, CliConsole console, SideOptions side, CancellationToken cancellationToken)
        {
            AccessValues values = side.Read(parse);
            if (parse.GetValue(side.PasswordStdin))
            {
                await ReadPasswordAsync(values, console, $"--{side.Prefix}password-stdin", $"--{side.Prefix}password", cancellationToken).ConfigureAwait(false);
            }

            return values;
        }

        private static async Task ReadPasswordAsync(AccessValues values, CliConsole console, string flag, string passwordFlag, CancellationToken cancellationToken)
        {
            if (values.Password != null)
            {
                throw new UsageException($"{passwordFlag} and {flag} cannot be used together.");
            }

            values.Password = (await console.Input.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.TrimEnd('\r', '\n');
            values.PasswordFromStdin = true;
            if (string.IsNullOrEmpty(values.Password))
            {
                throw new UsageException($"{flag} was given but standard input held no password.");
            }
        }

    }
}
