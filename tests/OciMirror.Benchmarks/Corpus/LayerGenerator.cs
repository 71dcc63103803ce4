using System;
using System.IO;
using System.IO.Compression;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;

namespace OciMirror.Benchmarks.Corpus
{
    /// <summary>
    /// Writes a <see cref="LayerSpec"/>'s bytes as a stream (never held in memory): xorshift64 output
    /// through <see cref="GZipStream"/> at <see cref="CompressionLevel.NoCompression"/>. Deterministic, so
    /// a first pass measures digest and size and a second pass uploads the same bytes.
    /// </summary>
    internal static class LayerGenerator
    {
        private const int Chunk = 64 * 1024;

        public static async Task WriteAsync(LayerSpec layer, Stream output)
        {
            var buffer = new byte[Chunk];
            ulong state = layer.Seed * 0x9E3779B97F4A7C15UL | 1;
            using var gzip = new GZipStream(output, CompressionLevel.NoCompression, leaveOpen: true);
            for (long left = layer.RawSize; left > 0; left -= Chunk)
            {
                int n = (int)Math.Min(Chunk, left);
                for (int i = 0; i + 8 <= buffer.Length; i += 8)
                {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    BitConverter.TryWriteBytes(buffer.AsSpan(i), state);
                }

                await gzip.WriteAsync(buffer.AsMemory(0, n));
            }
        }

        /// <summary>Generates the layer once to learn its digest and size.</summary>
        public static async Task MeasureAsync(LayerSpec layer)
        {
            using var sink = new HashingSink();
            await WriteAsync(layer, sink);
            layer.Digest = "sha256:" + Convert.ToHexString(sink.Hash()).ToLowerInvariant();
            layer.Size = sink.Length;
        }

        /// <summary>The layer as an HTTP body of known length, generated while it is sent.</summary>
        public static HttpContent Content(LayerSpec layer) => new GeneratedContent(layer);

        private sealed class GeneratedContent : HttpContent
        {
            private readonly LayerSpec _layer;

            public GeneratedContent(LayerSpec layer)
            {
                _layer = layer;
                Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            }

            protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => WriteAsync(_layer, stream);

            protected override bool TryComputeLength(out long length)
            {
                length = _layer.Size;
                return true;
            }
        }

        private sealed class HashingSink : Stream
        {
            private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            private long _length;

            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => _length;

            public override long Position { get => _length; set => throw new NotSupportedException(); }

            public byte[] Hash() => _hash.GetHashAndReset();

            public override void Write(byte[] buffer, int offset, int count)
            {
                _hash.AppendData(buffer, offset, count);
                _length += count;
            }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                _hash.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}
