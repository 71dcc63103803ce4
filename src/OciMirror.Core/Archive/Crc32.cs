namespace OciMirror.Core.Archive
{
    /// <summary>
    /// CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320) as used by the gzip trailer (RFC 1952 §8),
    /// slicing-by-8 so checking stored members keeps up with the disk. netstandard2.0 has no
    /// System.IO.Hashing, and adding a package for 40 lines is not worth an assembly in PowerShell 5.1.
    /// </summary>
    internal static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        /// <summary>Continues <paramref name="crc"/> (0 for a fresh computation) over the bytes.</summary>
        public static uint Append(uint crc, byte[] data, int offset, int count)
        {
            uint c = ~crc;
            uint[] t = Table;
            while (count >= 8)
            {
                uint a = c ^ (uint)(data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24));
                uint b = (uint)(data[offset + 4] | (data[offset + 5] << 8) | (data[offset + 6] << 16) | (data[offset + 7] << 24));
                c = t[(7 * 256) + (a & 0xFF)] ^ t[(6 * 256) + ((a >> 8) & 0xFF)] ^ t[(5 * 256) + ((a >> 16) & 0xFF)] ^ t[(4 * 256) + (a >> 24)]
                    ^ t[(3 * 256) + (b & 0xFF)] ^ t[(2 * 256) + ((b >> 8) & 0xFF)] ^ t[256 + ((b >> 16) & 0xFF)] ^ t[b >> 24];
                offset += 8;
                count -= 8;
            }

            while (count-- > 0)
            {
                c = t[(c ^ data[offset++]) & 0xFF] ^ (c >> 8);
            }

            return ~c;
        }

        private static uint[] BuildTable()
        {
            var t = new uint[8 * 256];
            for (uint i = 0; i < 256; i++)
            {
                uint c = i;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                t[i] = c;
            }

            for (int i = 0; i < 256; i++)
            {
                for (int s = 1; s < 8; s++)
                {
                    t[(s * 256) + i] = (t[((s - 1) * 256) + i] >> 8) ^ t[t[((s - 1) * 256) + i] & 0xFF];
                }
            }

            return t;
        }
    }
}
