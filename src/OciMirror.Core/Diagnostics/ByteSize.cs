using System;
using System.Globalization;

namespace OciMirror.Core.Diagnostics
{
    /// <summary>
    /// The one way every front end and log line writes a byte count: binary units with IEC names and one
    /// decimal (<c>512 B</c>, <c>2.0 KiB</c>, <c>12.3 MiB</c>), invariant culture; <c>?</c> for an unknown (negative) size.
    /// </summary>
    public static class ByteSize
    {
        private static readonly string[] Units = { "B", "KiB", "MiB", "GiB", "TiB" };

        /// <summary>
        /// Parses a size as users type it: a whole number of bytes with an optional binary suffix K, M, G or T
        /// (KiB, MiB, GiB, TiB; a trailing B or iB is allowed, case does not matter): <c>4095M</c>, <c>8G</c>,
        /// <c>700MiB</c>, <c>1048576</c>. False for anything else, a negative size or an overflow.
        /// </summary>
        public static bool TryParse(string? text, out long bytes)
        {
            bytes = 0;
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
                return false;
            }

            bytes = number << shift;
            return true;
        }

        public static string Format(long bytes)
        {
            if (bytes < 0)
            {
                return "?";
            }

            double value = bytes;
            int unit = 0;
            while (value >= 1024 && unit < Units.Length - 1)
            {
                value /= 1024;
                unit++;
            }

            return unit == 0
                ? bytes.ToString(CultureInfo.InvariantCulture) + " B"
                : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + Units[unit];
        }
    }
}
