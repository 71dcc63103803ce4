namespace OciMirror.Cli
{
    /// <summary>Process exit codes of <c>ocimirror</c> (DESIGN §9). Scripts rely on them: never renumber.</summary>
    internal static class ExitCodes
    {
        /// <summary>Every reference was copied or was present already.</summary>
        public const int Success = 0;

        /// <summary>At least one reference failed; the others were processed. For <c>verify</c>: the bundle is damaged.</summary>
        public const int PartialFailure = 1;

        /// <summary>Usage or setup error: bad flags, unusable bundle path, not a layout, invalid destination.</summary>
        public const int UsageOrSetup = 2;

        /// <summary>An unexpected internal error (a bug): the message asks to report it with --debug output.</summary>
        public const int InternalError = 3;

        /// <summary>Cancelled with Ctrl+C (128 + SIGINT, the shell convention).</summary>
        public const int Cancelled = 130;

        /// <summary>
        /// Stopped by SIGTERM (<c>timeout</c>, <c>systemd</c>, <c>docker stop</c>, <c>kill</c>): 128 + 15, the
        /// shell convention, after the same clean-up as Ctrl+C (what finished is in the bundle).
        /// </summary>
        public const int Terminated = 143;
    }
}
