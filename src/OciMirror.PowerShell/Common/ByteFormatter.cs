using System.Globalization;

namespace OciMirror.PowerShell.Common
{
    /// <summary>Human-readable byte counts for progress and verbose lines (binary units, invariant culture).</summary>
    internal static class ByteFormatter
    {
        private static readonly string[] Units = { "B", "KB", "MB", "GB", "TB" };

        /// <summary><c>512 B</c>, <c>12.3 MB</c>.</summary>
        public static string Format(long bytes)
        {
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
