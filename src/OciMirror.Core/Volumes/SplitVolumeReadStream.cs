using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Volumes
{
    /// <summary>
    /// The parts of a <see cref="SplitVolumeSet"/> read as one seekable archive: a read that reaches the
    /// end of a part goes on in the next, a seek lands in whichever part holds the offset. One part file
    /// is open at a time (shared read). A part that has become shorter than it was when the set was found
    /// ends the stream there. Not thread-safe: open one stream per reader.
    /// </summary>
    public sealed class SplitVolumeReadStream : Stream
    {
        private readonly SplitVolumeSet _set;
        private FileStream? _file;
        private int _part = -1;
        private long _partStart;
        private long _position;

        public SplitVolumeReadStream(SplitVolumeSet set)
        {
            _set = set ?? throw new ArgumentNullException(nameof(set));
        }

        /// <summary>The set being read.</summary>
        public SplitVolumeSet Set => _set;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => _set.TotalLength;

        public override long Position
        {
            get => _position;
            set => Seek(value, SeekOrigin.Begin);
        }

        /// <summary>Where reading stands, as "part 'NAME.002' (offset N of it)", for error messages.</summary>
        public string DescribePosition() => _set.Describe(_position);

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            while (count > 0 && _position < _set.TotalLength)
            {
                FileStream file = Open();
                long left = _partStart + _set.Lengths[_part] - _position;
                int n = await file.ReadAsync(buffer, offset, (int)Math.Min(count, left), cancellationToken).ConfigureAwait(false);
                if (n > 0)
                {
                    _position += n;
                    return n;
                }

                if (left > 0)
                {
                    return 0; // the part shrank since the set was found: stop here, the reader reports the cut
                }
            }

            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override long Seek(long offset, SeekOrigin origin)
        {
            long target = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => _set.TotalLength + offset,
            };
            if (target < 0)
            {
                throw new IOException("An attempt was made to move the position before the beginning of the split archive.");
            }

            _position = target;
            if (_file != null && (target < _partStart || target >= _partStart + _set.Lengths[_part]))
            {
                ClosePart();
            }
            else
            {
                _file?.Seek(target - _partStart, SeekOrigin.Begin);
            }

            return target;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                ClosePart();
            }

            base.Dispose(disposing);
        }

        /// <summary>The part holding <see cref="_position"/>, opened and positioned.</summary>
        private FileStream Open()
        {
            if (_file != null && _position < _partStart + _set.Lengths[_part])
            {
                return _file;
            }

            ClosePart();
            long start = 0;
            int part = 0;
            while (part < _set.Parts.Count - 1 && _position >= start + _set.Lengths[part])
            {
                start += _set.Lengths[part];
                part++;
            }

            _file = new FileStream(_set.Parts[part], FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            _file.Seek(_position - start, SeekOrigin.Begin);
            _part = part;
            _partStart = start;
            return _file;
        }

        private void ClosePart()
        {
            _file?.Dispose();
            _file = null;
            _part = -1;
        }
    }
}
