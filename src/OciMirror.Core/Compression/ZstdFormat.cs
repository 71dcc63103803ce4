namespace OciMirror.Core.Compression
{
    /// <summary>Constants of the zstd format (RFC 8878) that the frame writer and scanner share.</summary>
    internal static class ZstdFormat
    {
        /// <summary>Magic number of a zstd frame, little-endian on the wire: <c>28 b5 2f fd</c> (RFC 8878 §3.1.1).</summary>
        public const uint FrameMagic = 0xFD2FB528;

        /// <summary>Skippable frames have magic numbers <c>0x184D2A50</c>–<c>0x184D2A5F</c> (§3.1.2); pzstd starts with one.</summary>
        public const uint SkippableMagicMask = 0xFFFFFFF0, SkippableMagic = 0x184D2A50;

        /// <summary>Block_Maximum_Size: no block holds more than 128 KiB (§3.1.1.2.3).</summary>
        public const int MaxBlockSize = 128 * 1024;

        /// <summary>Block_Type values (§3.1.1.2.2).</summary>
        public const int RawBlock = 0, RleBlock = 1, CompressedBlock = 2, ReservedBlock = 3;

        /// <summary>
        /// The largest window a frame may ask the reader for: 32 MiB (Window_Log 25). zstd up to level 19,
        /// tar --zstd, Hauler and our own frames stay within 8 MiB; only --ultra and --long ask for more, and
        /// honouring them would let one hostile frame take up to 2 GiB (a bounded-memory reader refuses it).
        /// </summary>
        public const int MaxWindowLog = 25;

        /// <summary>The level of compressed frames: 1, zstd's fastest positive level (the counterpart of gzip's "fastest").</summary>
        public const int FastLevel = 1;

        /// <summary>
        /// The window size a frame header asks for (§3.1.1.1.2): from the Window_Descriptor, or the content
        /// size of a single-segment frame. <paramref name="header"/> holds the whole frame header from <paramref name="offset"/> (the magic).
        /// </summary>
        public static ulong WindowSize(byte[] header, int offset)
        {
            byte descriptor = header[offset + 4];
            if ((descriptor & 0x20) == 0)
            {
                byte window = header[offset + 5];
                int windowLog = 10 + (window >> 3);
                ulong windowBase = 1UL << windowLog;
                return windowBase + ((windowBase / 8) * (ulong)(window & 7));
            }

            int dictionaryIdSize = new[] { 0, 1, 2, 4 }[descriptor & 3];
            int contentSizeFlag = descriptor >> 6;
            int at = offset + 5 + dictionaryIdSize;
            return contentSizeFlag switch
            {
                0 => header[at],
                1 => (ulong)(header[at] | (header[at + 1] << 8)) + 256,
                2 => ReadUInt32(header, at),
                _ => ReadUInt32(header, at) | ((ulong)ReadUInt32(header, at + 4) << 32),
            };
        }

        /// <summary>True for the first four bytes of a zstd or skippable frame.</summary>
        public static bool IsFrameStart(uint magic) => magic == FrameMagic || (magic & SkippableMagicMask) == SkippableMagic;

        /// <summary>Reads a little-endian 32-bit value.</summary>
        public static uint ReadUInt32(byte[] bytes, int offset) =>
            (uint)(bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24));

        /// <summary>The 3-byte block header (§3.1.1.2): Last_Block, Block_Type, Block_Size.</summary>
        public static void WriteBlockHeader(byte[] target, int offset, bool last, int type, int size)
        {
            int value = (size << 3) | (type << 1) | (last ? 1 : 0);
            target[offset] = (byte)value;
            target[offset + 1] = (byte)(value >> 8);
            target[offset + 2] = (byte)(value >> 16);
        }
    }
}
