using System;
using System.Security.Cryptography;

namespace OciMirror.Integration.Tests.Corpus
{
    /// <summary>One blob or manifest of the corpus: bytes, media type and digest.</summary>
    public sealed class CorpusContent
    {
        public CorpusContent(byte[] bytes, string mediaType)
        {
            Bytes = bytes;
            MediaType = mediaType;
            Digest = "sha256:" + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        }

        public byte[] Bytes { get; }

        public string MediaType { get; }

        public string Digest { get; }

        /// <summary>The hex part of the digest (the file name under blobs/sha256).</summary>
        public string Hex => Digest.Substring("sha256:".Length);

        public long Size => Bytes.Length;
    }
}
