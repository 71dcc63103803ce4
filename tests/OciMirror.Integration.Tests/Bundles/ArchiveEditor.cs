using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>
    /// Damages and crafts bundle archives for the verification and hostile-archive tests, with the BCL's
    /// System.Formats.Tar and GZipStream (not OciMirror code), from a bundle directory or a plain tar.
    /// </summary>
    public static class ArchiveEditor
    {
        /// <summary>Flips one byte in the middle of the data of entry <paramref name="entryName"/> of a plain (ustar/pax) tar, in place.</summary>
        public static void FlipByteInTarEntry(string tarPath, string entryName)
        {
            using FileStream file = File.Open(tarPath, FileMode.Open, FileAccess.ReadWrite);
            var header = new byte[512];
            long position = 0;
            while (position + 512 <= file.Length)
            {
                file.Position = position;
                file.ReadExactly(header);
                if (header.All(b => b == 0))
                {
                    break;
                }

                string name = Encoding.ASCII.GetString(header, 0, 100).TrimEnd('\0');
                string prefix = Encoding.ASCII.GetString(header, 345, 155).TrimEnd('\0');
                string full = prefix.Length > 0 ? prefix + "/" + name : name;
                long size = Convert.ToInt64(Encoding.ASCII.GetString(header, 124, 12).Trim('\0', ' '), 8);
                if ((full == entryName || full == "./" + entryName) && (header[156] == (byte)'0' || header[156] == 0) && size > 0)
                {
                    file.Position = position + 512 + size / 2;
                    int b = file.ReadByte();
                    file.Position = position + 512 + size / 2;
                    file.WriteByte((byte)(b ^ 0x5A));
                    return;
                }

                position += 512 + ((size + 511) / 512) * 512;
            }

            throw new InvalidOperationException($"entry '{entryName}' not found in {tarPath}");
        }

        /// <summary>Cuts <paramref name="path"/> to <paramref name="fraction"/> of its length.</summary>
        public static void Truncate(string path, double fraction)
        {
            using FileStream file = File.Open(path, FileMode.Open, FileAccess.ReadWrite);
            file.SetLength((long)(file.Length * fraction));
        }

        /// <summary>
        /// Writes a tar (gzip-compressed when <paramref name="gzip"/>) of the bundle directory <paramref name="dir"/>:
        /// oci-layout, the blobs, index.json last, leaving out <paramref name="skip"/> entries, then appending
        /// <paramref name="extra"/> entries just before index.json.
        /// </summary>
        public static void WriteArchive(string dir, string archive, bool gzip, ISet<string>? skip = null, IEnumerable<TarEntry>? extra = null)
        {
            using FileStream file = File.Create(archive);
            using Stream output = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
            using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
            var names = new List<string> { "oci-layout" };
            names.AddRange(Directory.EnumerateFiles(Path.Combine(dir, "blobs", "sha256")).Select(f => "blobs/sha256/" + Path.GetFileName(f)).OrderBy(n => n, StringComparer.Ordinal));
            foreach (string name in names.Where(n => skip == null || !skip.Contains(n)))
            {
                writer.WriteEntry(Path.Combine(dir, name), name);
            }

            foreach (TarEntry entry in extra ?? Enumerable.Empty<TarEntry>())
            {
                writer.WriteEntry(entry);
            }

            writer.WriteEntry(Path.Combine(dir, "index.json"), "index.json");
        }

        /// <summary>A regular file entry with <paramref name="content"/>.</summary>
        public static TarEntry FileEntry(string name, byte[] content) => new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };

        /// <summary>A symbolic link entry pointing at <paramref name="target"/>.</summary>
        public static TarEntry Symlink(string name, string target) => new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target };
    }
}
