using System;

namespace OciMirror.Core.Volumes
{
    /// <summary>
    /// Parses a split size as users type it: a number of bytes with an optional binary suffix, K, M, G
    /// or T (KiB, MiB, GiB, TiB; a trailing B or iB is allowed, case does not matter): <c>4095M</c>,
    /// <c>4G</c>, <c>700MiB</c>, <c>1048576</c>.
    /// </summary>
    public static class SplitSize
    {
        /// <summary>The smallest part accepted: 1 KiB (a part holds any number of tar blocks; smaller only makes many files).</summary>
        public const long Minimum = 1024;

        /// <summary>The size in bytes.</summary>
        /// <exception cref="FormatException">Not a number with an optional K/M/G/T suffix, or below <see cref="Minimum"/>; the message names the text.</exception>
        public static long Parse(string text)
        {
            if (!TryParse(text, out long bytes, out string? error))
            {
                throw new FormatException(error);
            }

            return bytes;
        }

        /// <summary>Like <see cref="Parse"/>, without throwing; <paramref name="error"/> says what is wrong.</summary>
        public static bool TryParse(string? text, out long bytes, out string? error)
        {
            error = null;
            if (!Diagnostics.ByteSize.TryParse(text, out bytes))
            {
                error = $"'{text}' is not a size: give a number of bytes with an optional K, M, G or T suffix (binary units), for example 4095M.";
                return false;
            }

            if (bytes < Minimum)
            {
                error = $"The split size '{text}' is too small: a part holds at least {Minimum} bytes (1K).";
                return false;
            }

            return true;
        }
    }
}
