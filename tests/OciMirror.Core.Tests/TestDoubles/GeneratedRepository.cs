using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.References;

namespace OciMirror.Core.Tests.TestDoubles
{
    /// <summary>
    /// A registry with one repository holding one image whose single layer is <c>size</c> bytes of
    /// pseudo-random data generated while it is read, never held in memory (for memory-bound tests).
    /// Tag "1" resolves to the image. Read-only.
    /// </summary>
    public sealed class GeneratedRepository : ITarget, IRepositoryProvider
    {
        private readonly long _size;
        private readonly byte[] _config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
        private readonly byte[] _manifest;

        public GeneratedRepository(long size)
        {
            _size = size;
            using (var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            using (var stream = new GeneratedStream(size))
            {
                var buffer = new byte[81920];
                int n;
                while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    hasher.AppendData(buffer, 0, n);
                }

                Layer = new Descriptor(MediaTypes.OciLayerTarGzip, Digest.FromHash("sha256", hasher.GetHashAndReset()), size);
            }

            Descriptor config = Descriptor.FromBytes(MediaTypes.OciConfig, _config);
            _manifest = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"config\":{\"mediaType\":\"" + config.MediaType
                + "\",\"digest\":\"" + config.Digest + "\",\"size\":" + config.Size + "},\"layers\":[{\"mediaType\":\"" + Layer.MediaType + "\",\"digest\":\"" + Layer.Digest + "\",\"size\":" + size + "}]}");
            Manifest = Descriptor.FromBytes(MediaTypes.OciManifest, _manifest);
        }

        public Descriptor Layer { get; }

        public Descriptor Manifest { get; }

        public ITarget GetRepository(Reference repository) => this;

        public Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken)
        {
            if (target.Digest == Layer.Digest)
            {
                return Task.FromResult<Stream>(new GeneratedStream(_size));
            }

            byte[]? bytes = target.Digest == Manifest.Digest ? _manifest : target.Digest == Digest.Compute(_config) ? _config : null;
            return bytes != null
                ? Task.FromResult<Stream>(new MemoryStream(bytes, writable: false))
                : Task.FromException<Stream>(new OciException(OciErrorKind.NotFound, $"{target.Digest} not found."));
        }

        public Task<bool> ExistsAsync(Descriptor target, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken) => Task.FromResult(Manifest);

        public Task PushAsync(Descriptor expected, Stream content, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task TagAsync(Descriptor target, string reference, CancellationToken cancellationToken) => throw new NotSupportedException();

        /// <summary>xorshift64 bytes, 8 at a time: incompressible, deterministic, no allocation per read.</summary>
        private sealed class GeneratedStream : Stream
        {
            private readonly long _length;
            private long _position;
            private ulong _state = 0x9E3779B97F4A7C15UL;

            public GeneratedStream(long length) => _length = length;

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => _length;

            public override long Position { get => _position; set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = (int)Math.Min(count, _length - _position);
                for (int i = 0; i < n; i++)
                {
                    if (((_position + i) & 7) == 0)
                    {
                        _state ^= _state << 13;
                        _state ^= _state >> 7;
                        _state ^= _state << 17;
                    }

                    buffer[offset + i] = (byte)(_state >> (int)(((_position + i) & 7) * 8));
                }

                _position += n;
                return n;
            }

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
}
