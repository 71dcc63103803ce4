using System;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace OciMirror.Integration.Tests.Corpus
{
    /// <summary>Small, deterministic gzipped tar layers (fixed times, owners and modes).</summary>
    internal static class TestLayers
    {
        private static readonly DateTimeOffset Epoch = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <summary>A layer holding one file <paramref name="path"/> with <paramref name="text"/>; also returns the diff_id.</summary>
        public static (byte[] Gzip, string DiffId) Create(string path, string text)
        {
            byte[] tar;
            using (var tarStream = new MemoryStream())
            {
                using (var writer = new TarWriter(tarStream, TarEntryFormat.Ustar, leaveOpen: true))
                {
                    var entry = new UstarTarEntry(TarEntryType.RegularFile, path)
                    {
                        ModificationTime = Epoch,
                        Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                        Uid = 0,
                        Gid = 0,
                        DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
                    };
                    writer.WriteEntry(entry);
                }

                tar = tarStream.ToArray();
            }

            using var gz = new MemoryStream();
            using (var gzip = new GZipStream(gz, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                gzip.Write(tar, 0, tar.Length);
            }

            return (gz.ToArray(), "sha256:" + Convert.ToHexString(SHA256.HashData(tar)).ToLowerInvariant());
        }
    }
}
