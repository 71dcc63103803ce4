using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;

namespace OciMirror.Core.Tests.Archive
{
    /// <summary>Helpers shared by the archive tests.</summary>
    internal static class ArchiveTestUtil
    {
        public sealed record ReadEntry(string Name, TarEntryType Type, long Size, string? LinkName, byte[] Data, long HeaderOffset);

        public static async Task<List<ReadEntry>> ReadAllAsync(Stream archive, bool readData = true)
        {
            var result = new List<ReadEntry>();
            using var reader = new TarReader(archive, leaveOpen: true, archiveName: "test.tar");
            TarEntry? e;
            while ((e = await reader.GetNextEntryAsync()) != null)
            {
                var data = new MemoryStream();
                if (readData)
                {
                    await e.DataStream.CopyToAsync(data);
                }

                result.Add(new ReadEntry(e.Name, e.Type, e.Size, e.LinkName, data.ToArray(), e.HeaderOffset));
            }

            return result;
        }

        /// <summary>A ustar header block with a correct checksum, editable through <paramref name="edit"/>.</summary>
        public static byte[] Header(string name, char type, long size, Action<byte[]>? edit = null)
        {
            byte[] block = TarWriter.BuildHeader(Encoding.UTF8.GetBytes(name), type, size, 0);
            if (edit != null)
            {
                edit(block);
                TarHeader.WriteChecksum(block);
            }

            return block;
        }

        public static byte[] Concat(params byte[][] parts)
        {
            var m = new MemoryStream();
            foreach (byte[] p in parts)
            {
                m.Write(p, 0, p.Length);
            }

            return m.ToArray();
        }

        public static byte[] Padded(byte[] data)
        {
            int len = (data.Length + 511) / 512 * 512;
            var b = new byte[len];
            Array.Copy(data, b, data.Length);
            return b;
        }

        public static byte[] EndBlocks() => new byte[1024];

        public static string TempDir()
        {
            string dir = Path.Combine(Path.GetTempPath(), "ocimirror-archive-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(dir);
            return dir;
        }

        /// <summary>Runs a program; returns exit code, stdout and stderr. Fails the test after 60 s.</summary>
        public static (int Code, string Out, string Err) Run(string file, string arguments, string? workingDirectory = null)
        {
            var psi = new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            };
            using var p = Process.Start(psi)!;
            Task<string> stdout = p.StandardOutput.ReadToEndAsync();
            Task<string> stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(60_000))
            {
                p.Kill();
                throw new TimeoutException($"{file} {arguments} did not finish in 60 s");
            }

            return (p.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }

        public static byte[] Pattern(int length, int seed = 1)
        {
            var b = new byte[length];
            new Random(seed).NextBytes(b);
            return b;
        }
    }

    /// <summary>A non-seekable stream (like stdin) that returns at most <c>maxRead</c> bytes per read.</summary>
    internal sealed class TrickleStream : Stream
    {
        private readonly Stream _inner;
        private readonly int _maxRead;

        public TrickleStream(byte[] data, int maxRead = int.MaxValue)
        {
            _inner = new MemoryStream(data, false);
            _maxRead = maxRead;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, _maxRead));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
