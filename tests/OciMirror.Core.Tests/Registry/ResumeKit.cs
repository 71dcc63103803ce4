using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Model;

namespace OciMirror.Core.Tests.Registry
{
    /// <summary>Helpers for the resume tests: verified reads in odd-sized pieces, Range parsing.</summary>
    internal static class ResumeKit
    {
        /// <summary>Fetches <paramref name="descriptor"/> through a <see cref="VerifyingReadStream"/> (as the copy engine does) in 4093-byte reads.</summary>
        public static async Task<byte[]> FetchVerifiedAsync(RegistryTestKit kit, Descriptor descriptor, CancellationToken cancellationToken = default)
        {
            using Stream raw = await kit.Repository().FetchAsync(descriptor, cancellationToken);
            using var verified = new VerifyingReadStream(raw, descriptor);
            using var collected = new MemoryStream();
            var buffer = new byte[4093];
            int n;
            while ((n = await verified.ReadAsync(buffer, 0, buffer.Length, cancellationToken)) > 0)
            {
                collected.Write(buffer, 0, n);
            }

            return collected.ToArray();
        }

        /// <summary>The N of a recorded <c>Range: bytes=N-</c>, or 0 without one.</summary>
        public static int From(RecordedRequest request) =>
            request.Range == null ? 0 : int.Parse(request.Range.Substring("bytes=".Length).TrimEnd('-'), CultureInfo.InvariantCulture);
    }
}
