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
        /// Parses a size a user typed: a number of bytes, or a number (decimals allowed) followed by a unit
        /// <c>B</c>, <c>K</c>/<c>KB</c>/<c>KiB</c>, <c>M</c>/<c>MB</c>/<c>MiB</c>, <c>G</c>/<c>GB</c>/<c>GiB</c>,
        /// <c>T</c>/<c>TB</c>/<c>TiB</c> (case-insensitive; every unit is binary, 1 K = 1024 bytes, as
        /// <see cref="Format"/> writes them). False for anything else, a negative size or an overflow.
        /// </summary>
        public static bool TryParse(string? text, out long bytes)
        {
            bytes = 0;
            string s = (text ?? string.Empty).Trim();
            int end = 0;
            while (end < s.Length && (char.IsDigit(s[end]) || s[end] == '.'))
            {
                end++;
            }

            string unit = s.Substring(end).Trim().ToUpperInvariant();
            if (end == 0 || !decimal.TryParse(s.Substring(0, end), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number))
            {
                return false;
            }

            int power = unit switch
            {
                "" or "B" => 0,
                "K" or "KB" or "KIB" => 1,
                "M" or "MB" or "MIB" => 2,
                "G" or "GB" or "GIB" => 3,
                "T" or "TB" or "TIB" => 4,
                _ => -1,
            };
            if (power < 0)
            {
                return false;
            }

            try
            {
                decimal value = number;
                for (int i = 0; i < power; i++)
                {
                    value *= 1024;
                }

                bytes = (long)decimal.Truncate(value);
                return true;
            }
            catch (OverflowException)
            {
                return false;
            }
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
