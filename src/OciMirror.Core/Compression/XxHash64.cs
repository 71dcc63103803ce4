using System;

namespace OciMirror.Core.Compression
{
    /// <summary>
    /// Streaming XXH64 (seed 0), the hash zstd's Content_Checksum takes the low 32 bits of (RFC 8878
    /// §3.1.1; algorithm: xxHash specification, XXH64). Used for the stored frames the frame writer
    /// writes itself, so that a flipped bit anywhere in a frame, padding included, fails the frame like
    /// gzip's CRC-32 fails a member. Not thread-safe.
    /// </summary>
    internal sealed class XxHash64
    {
        private const ulong Prime1 = 0x9E3779B185EBCA87UL, Prime2 = 0xC2B2AE3D27D4EB4FUL, Prime3 = 0x165667B19E3779F9UL, Prime4 = 0x85EBCA77C2B2AE63UL, Prime5 = 0x27D4EB2F165667C5UL;

        private readonly byte[] _pending = new byte[32];
        private ulong _v1, _v2, _v3, _v4, _total;
        private int _pendingLength;

        public XxHash64() => Reset();

        /// <summary>Starts over (seed 0).</summary>
        public void Reset()
        {
            _v1 = unchecked(Prime1 + Prime2);
            _v2 = Prime2;
            _v3 = 0;
            _v4 = unchecked(0 - Prime1);
            _total = 0;
            _pendingLength = 0;
        }

        /// <summary>Adds <paramref name="count"/> bytes.</summary>
        public void Append(byte[] data, int offset, int count)
        {
            _total += (ulong)count;
            if (_pendingLength > 0)
            {
                int take = Math.Min(count, 32 - _pendingLength);
                Buffer.BlockCopy(data, offset, _pending, _pendingLength, take);
                _pendingLength += take;
                offset += take;
                count -= take;
                if (_pendingLength < 32)
                {
                    return;
                }

                Stripe(_pending, 0);
                _pendingLength = 0;
            }

            while (count >= 32)
            {
                Stripe(data, offset);
                offset += 32;
                count -= 32;
            }

            Buffer.BlockCopy(data, offset, _pending, 0, count);
            _pendingLength = count;
        }

        /// <summary>The hash of everything appended so far (the state is not changed).</summary>
        public ulong Digest()
        {
            ulong h;
            unchecked
            {
                if (_total >= 32)
                {
                    h = Rotl(_v1, 1) + Rotl(_v2, 7) + Rotl(_v3, 12) + Rotl(_v4, 18);
                    h = Merge(h, _v1);
                    h = Merge(h, _v2);
                    h = Merge(h, _v3);
                    h = Merge(h, _v4);
                }
                else
                {
                    h = Prime5;
                }

                h += _total;
                int i = 0;
                for (; i + 8 <= _pendingLength; i += 8)
                {
                    h ^= Round(0, BitConverter.ToUInt64(_pending, i));
                    h = (Rotl(h, 27) * Prime1) + Prime4;
                }

                if (i + 4 <= _pendingLength)
                {
                    h ^= BitConverter.ToUInt32(_pending, i) * Prime1;
                    h = (Rotl(h, 23) * Prime2) + Prime3;
                    i += 4;
                }

                for (; i < _pendingLength; i++)
                {
                    h ^= _pending[i] * Prime5;
                    h = Rotl(h, 11) * Prime1;
                }

                h ^= h >> 33;
                h *= Prime2;
                h ^= h >> 29;
                h *= Prime3;
                h ^= h >> 32;
            }

            return h;
        }

        private void Stripe(byte[] data, int offset)
        {
            _v1 = Round(_v1, BitConverter.ToUInt64(data, offset));
            _v2 = Round(_v2, BitConverter.ToUInt64(data, offset + 8));
            _v3 = Round(_v3, BitConverter.ToUInt64(data, offset + 16));
            _v4 = Round(_v4, BitConverter.ToUInt64(data, offset + 24));
        }

        private static ulong Round(ulong acc, ulong input) => unchecked(Rotl(acc + (input * Prime2), 31) * Prime1);

        private static ulong Merge(ulong acc, ulong value) => unchecked(((acc ^ Round(0, value)) * Prime1) + Prime4);

        private static ulong Rotl(ulong x, int r) => (x << r) | (x >> (64 - r));
    }
}
