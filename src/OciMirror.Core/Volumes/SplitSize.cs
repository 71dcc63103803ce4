using System;
using System.Globalization;

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
            bytes = 0;
            error = null;
            string s = (text ?? string.Empty).Trim();
            foreach (string unit in new[] { "iB", "IB", "ib", "Ib", "B", "b" })
            {
                if (s.Length > unit.Length && s.EndsWith(unit, StringComparison.Ordinal) && (unit.Length == 2 || char.IsLetter(s[s.Length - 2]) || char.IsDigit(s[s.Length - 2])))
                {
                    s = s.Substring(0, s.Length - unit.Length);
                    break;
                }
            }

            int shift = 0;
            if (s.Length > 0)
            {
                shift = char.ToUpperInvariant(s[s.Length - 1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
                if (shift > 0)
                {
                    s = s.Substring(0, s.Length - 1);
                }
            }

            if (!long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long number) || number > (long.MaxValue >> shift))
            {
                error = $"'{text}' is not a size: give a number of bytes with an optional K, M, G or T suffix (binary units), for example 4095M.";
                return false;
            }

            bytes = number << shift;
            if (bytes < Minimum)
            {
                error = $"The split size '{text}' is too small: a part holds at least {Minimum} bytes (1K).";
                return false;
            }

            return true;
        }
    }
}
