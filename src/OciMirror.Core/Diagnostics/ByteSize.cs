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
