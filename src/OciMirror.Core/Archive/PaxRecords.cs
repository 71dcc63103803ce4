using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// Codec for pax extended header records, <c>"%d %s=%s\n", length, keyword, value</c>, where the
    /// length counts the whole record including its own digits (POSIX.1-2017 pax, "pax Extended Header").
    /// </summary>
    internal static class PaxRecords
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, true);

        /// <summary>
        /// Parses records into <paramref name="into"/> (later records win; an empty value removes the
        /// keyword, as the standard says). Returns an error text for a malformed record, else null.
        /// </summary>
        public static string? Parse(byte[] data, int count, IDictionary<string, string> into)
        {
            int p = 0;
            while (p < count)
            {
                if (data[p] == 0)
                {
                    break; // some writers pad the extended header with NULs
                }

                int space = p;
                long length = 0;
                while (space < count && data[space] >= '0' && data[space] <= '9' && length < count)
                {
                    length = (length * 10) + (data[space] - '0');
                    space++;
                }

                if (space == p || space >= count || data[space] != ' ' || length <= space - p + 1 || p + length > count
                    || data[p + length - 1] != '\n')
                {
                    return $"malformed pax record at byte {p} of the extended header";
                }

                int recordEnd = (int)(p + length - 1);
                int equals = System.Array.IndexOf(data, (byte)'=', space + 1, recordEnd - space - 1);
                if (equals <= space + 1)
                {
                    return $"pax record at byte {p} has no keyword=value";
                }

                string key, value;
                try
                {
                    key = Utf8.GetString(data, space + 1, equals - space - 1);
                    value = Utf8.GetString(data, equals + 1, recordEnd - equals - 1);
                }
                catch (DecoderFallbackException)
                {
                    return $"pax record at byte {p} is not valid UTF-8";
                }

                if (value.Length == 0)
                {
                    into.Remove(key);
                }
                else
                {
                    into[key] = value;
                }

                p = (int)(p + length);
            }

            return null;
        }

        /// <summary>Appends one record, computing the self-inclusive length.</summary>
        public static void Write(MemoryStream output, string key, string value)
        {
            byte[] body = Utf8.GetBytes(" " + key + "=" + value + "\n");
            int length = body.Length + 1;
            while (length != body.Length + length.ToString(CultureInfo.InvariantCulture).Length)
            {
                length = body.Length + length.ToString(CultureInfo.InvariantCulture).Length;
            }

            byte[] prefix = Encoding.ASCII.GetBytes(length.ToString(CultureInfo.InvariantCulture));
            output.Write(prefix, 0, prefix.Length);
            output.Write(body, 0, body.Length);
        }
    }
}
