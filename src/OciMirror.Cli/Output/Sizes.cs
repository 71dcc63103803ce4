using System.Globalization;

namespace OciMirror.Cli.Output
{
    /// <summary>Human-readable byte counts (binary units, one decimal).</summary>
    internal static class Sizes
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
