using System.CommandLine;

namespace OciMirror.Cli
{
    /// <summary>
    /// The registry access flags of one side of <c>copy</c> and <c>sync</c>, spelled as skopeo spells them
    /// (<c>--src-username</c>, <c>--dest-password-stdin</c>, <c>--dest-cert-dir</c>, <c>--src-tls-verify=false</c>,
    /// <c>--dest-creds USER:PASS</c>…). Each overrides the unprefixed flag of <see cref="CommonOptions"/> for
    /// its side. One instance per side per command.
    /// </summary>
    internal sealed class SideOptions
    {
        public SideOptions(string prefix, string side)
        {
            Prefix = prefix;
            string of = " for the " + side + " registry (overrides the unprefixed flag)";
            Username = new Option<string?>($"--{prefix}username") { Description = "User name" + of + "." };
            Password = new Option<string?>($"--{prefix}password") { Description = "Password or token" + of + " (prefer --" + prefix + "password-stdin)." };
            PasswordStdin = new Option<bool>($"--{prefix}password-stdin") { Description = "Read the password" + of + " from standard input (only one flag may read stdin)." };
            Creds = new Option<string?>($"--{prefix}creds") { Description = "USER:PASSWORD" + of + ", as skopeo's --" + prefix + "creds." };
            NoCreds = new Option<bool>($"--{prefix}no-creds") { Description = "Access the " + side + " registry anonymously (no auth files or helpers)." };
            AuthFile = new Option<string?>($"--{prefix}authfile") { Description = "Auth file (auth.json / config.json)" + of + "." };
            CaFile = new Option<string?>($"--{prefix}ca-file") { Description = "PEM CA bundle" + of + "." };
            CertDir = new Option<string[]>($"--{prefix}cert-dir") { Description = "A folder holding *.crt, *.cert, *.key (skopeo's shape) or a certs.d root of <host[:port]>/ folders" + of + "; repeatable." };
            CertFile = new Option<string?>($"--{prefix}cert-file") { Description = "Client certificate (PEM with --" + prefix + "key-file, or .pfx/.p12)" + of + "." };
            KeyFile = new Option<string?>($"--{prefix}key-file") { Description = "PEM private key of --" + prefix + "cert-file." };
            PlainHttp = new Option<bool?>($"--{prefix}plain-http") { Description = "Talk http:// to the " + side + " registry (--" + prefix + "plain-http=false turns an unprefixed --plain-http off)." };
            Insecure = new Option<bool?>($"--{prefix}insecure") { Description = "Do not verify the TLS certificate of the " + side + " registry." };
            TlsVerify = new Option<bool?>($"--{prefix}tls-verify") { Description = "skopeo's flag: --" + prefix + "tls-verify=false is --" + prefix + "insecure and also lets a registry without TLS be reached over http://." };
        }

        public string Prefix { get; }

        public Option<string?> Username { get; }

        public Option<string?> Password { get; }

        public Option<bool> PasswordStdin { get; }

        public Option<string?> Creds { get; }

        public Option<bool> NoCreds { get; }

        public Option<string?> AuthFile { get; }

        public Option<string?> CaFile { get; }

        public Option<string[]> CertDir { get; }

        public Option<string?> CertFile { get; }

        public Option<string?> KeyFile { get; }

        public Option<bool?> PlainHttp { get; }

        public Option<bool?> Insecure { get; }

        public Option<bool?> TlsVerify { get; }

        /// <summary>The source side (<c>--src-…</c>).</summary>
        public static SideOptions Source() => new SideOptions("src-", "source");

        /// <summary>The destination side (<c>--dest-…</c>).</summary>
        public static SideOptions Destination() => new SideOptions("dest-", "destination");

        public void AddTo(Command command)
        {
            foreach (Option option in new Option[] { Username, Password, PasswordStdin, Creds, NoCreds, AuthFile, CaFile, CertDir, CertFile, KeyFile, PlainHttp, Insecure, TlsVerify })
            {
                command.Options.Add(option);
            }
        }

        /// <summary>The flags this side was given (the password from stdin is filled in by the caller).</summary>
        public AccessValues Read(ParseResult parse) => new AccessValues
        {
            Prefix = Prefix,
            Username = parse.GetValue(Username),
            Password = parse.GetValue(Password),
            Creds = parse.GetValue(Creds),
            NoCreds = parse.GetValue(NoCreds),
            AuthFile = parse.GetValue(AuthFile),
            CaFile = parse.GetValue(CaFile),
            CertDirs = parse.GetResult(CertDir) == null ? null : parse.GetValue(CertDir) ?? System.Array.Empty<string>(),
            CertFile = parse.GetValue(CertFile),
            KeyFile = parse.GetValue(KeyFile),
            PlainHttp = parse.GetValue(PlainHttp),
            Insecure = parse.GetValue(Insecure),
            TlsVerify = parse.GetValue(TlsVerify),
        };
    }
}
