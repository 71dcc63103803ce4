using System;
using System.Text;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// Field offsets and codecs of the 512-byte tar header block (POSIX.1-2017 pax, "ustar Interchange
    /// Format"; GNU tar manual "Basic Tar Format" for the base-256 number extension).
    /// </summary>
    internal static class TarHeader
    {
        public const int BlockSize = 512;
        public const int NameOffset = 0, NameLength = 100;
        public const int ModeOffset = 100, UidOffset = 108, GidOffset = 116;
        public const int SizeOffset = 124, SizeLength = 12;
        public const int MtimeOffset = 136, ChecksumOffset = 148, ChecksumLength = 8;
        public const int TypeOffset = 156;
        public const int LinkNameOffset = 157, LinkNameLength = 100;
        public const int MagicOffset = 257, VersionOffset = 263;
        public const int DevMajorOffset = 329, DevMinorOffset = 337;
        public const int PrefixOffset = 345, PrefixLength = 155;

        /// <summary>Largest value the 11 octal digits of a ustar size field can hold (8 GiB - 1).</summary>
        public const long MaxOctalSize = (1L << 33) - 1;

        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, false);

        /// <summary>True when all 512 bytes are zero (one of the two end-of-archive blocks).</summary>
        public static bool IsZeroBlock(byte[] block)
        {
            for (int i = 0; i < BlockSize; i++)
            {
                if (block[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// True when the stored checksum matches the sum of the header bytes with the checksum field
        /// counted as spaces, as unsigned bytes (POSIX) or signed bytes (historic Sun/old GNU writers).
        /// </summary>
        public static bool ChecksumMatches(byte[] block, out long stored, out long computed)
        {
            computed = 0;
            long signedSum = 0;
            for (int i = 0; i < BlockSize; i++)
            {
                byte b = i >= ChecksumOffset && i < ChecksumOffset + ChecksumLength ? (byte)' ' : block[i];
                computed += b;
                signedSum += (sbyte)b;
            }

            if (!TryParseNumber(block, ChecksumOffset, ChecksumLength, out stored) || stored < 0)
            {
                stored = -1;
                return false;
            }

            return stored == computed || stored == signedSum;
        }

        /// <summary>
        /// Parses a numeric field: octal digits surrounded by optional spaces/NULs, or GNU base-256 when
        /// the first byte has its top bit set (0x80 positive, 0xFF negative). An all-blank field is 0.
        /// </summary>
        public static bool TryParseNumber(byte[] block, int offset, int length, out long value)
        {
            value = 0;
            if ((block[offset] & 0x80) != 0)
            {
                if (block[offset] != 0x80)
                {
                    return false; // negative base-256 numbers have no meaning for sizes, modes or checksums
                }

                for (int i = offset + 1; i < offset + length; i++)
                {
                    if (value > (long.MaxValue >> 8))
                    {
                        return false;
                    }

                    value = (value << 8) | block[i];
                }

                return true;
            }

            int p = offset, end = offset + length;
            while (p < end && (block[p] == ' ' || block[p] == 0))
            {
                p++;
            }

            for (; p < end && block[p] >= '0' && block[p] <= '7'; p++)
            {
                if (value > (long.MaxValue >> 3))
                {
                    return false;
                }

                value = (value << 3) | (long)(block[p] - '0');
            }

            for (; p < end; p++)
            {
                if (block[p] != ' ' && block[p] != 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Reads a NUL-terminated (or full-width) UTF-8 string field.</summary>
        public static string ReadString(byte[] block, int offset, int length)
        {
            int end = Array.IndexOf(block, (byte)0, offset, length);
            return Utf8.GetString(block, offset, (end < 0 ? offset + length : end) - offset);
        }

        /// <summary>True when the bytes at <paramref name="offset"/> equal the ASCII <paramref name="text"/>.</summary>
        public static bool HasAscii(byte[] block, int offset, string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (block[offset + i] != text[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Writes <paramref name="value"/> as zero-padded octal filling width-1 digits plus a NUL.</summary>
        public static void WriteOctal(byte[] block, int offset, int length, long value)
        {
            for (int i = offset + length - 2; i >= offset; i--)
            {
                block[i] = (byte)('0' + (value & 7));
                value >>= 3;
            }

            block[offset + length - 1] = 0;
        }

        /// <summary>Writes a size as octal when it fits in 11 digits, else as GNU base-256.</summary>
        public static void WriteSize(byte[] block, long size)
        {
            if (size <= MaxOctalSize)
            {
                WriteOctal(block, SizeOffset, SizeLength, size);
                return;
            }

            block[SizeOffset] = 0x80;
            for (int i = SizeOffset + SizeLength - 1; i > SizeOffset; i--)
            {
                block[i] = (byte)(size & 0xFF);
                size >>= 8;
            }
        }

        /// <summary>Computes and stores the checksum as six octal digits, NUL, space (POSIX layout).</summary>
        public static void WriteChecksum(byte[] block)
        {
            for (int i = 0; i < ChecksumLength; i++)
            {
                block[ChecksumOffset + i] = (byte)' ';
            }

            long sum = 0;
            for (int i = 0; i < BlockSize; i++)
            {
                sum += block[i];
            }

            WriteOctal(block, ChecksumOffset, 7, sum);
            block[ChecksumOffset + 7] = (byte)' ';
        }
    }
}
