using System;
using System.IO;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// A transfer moved no byte for the idle (read) timeout: the peer sent headers and then stalled, or
    /// stopped accepting an upload. An <see cref="IOException"/>, so that a blob download resumes with
    /// <c>Range</c> like after a broken connection (<see cref="ResumableBlobStream"/>).
    /// </summary>
    internal sealed class StalledTransferException : IOException
    {
        public StalledTransferException(string what, TimeSpan idle)
            : base($"{what} for {Seconds(idle)} (the idle read timeout: --read-timeout, -OperationTimeoutSeconds)")
        {
            Idle = idle;
        }

        /// <summary>How long nothing moved.</summary>
        public TimeSpan Idle { get; }

        /// <summary>The Timeout error of <paramref name="request"/>, naming what stalled and the option that bounds it.</summary>
        public OciException For(RegistryRequest request) =>
            new OciException(OciErrorKind.Timeout, $"Cannot {request.Operation} {RegistryErrorMapper.Subject(request)}: {Message.TrimEnd('.')}.", this)
            {
                Registry = request.Registry,
                Reference = request.Reference,
                Digest = request.Digest,
                RecommendedAction = $"Check the network path to {request.Registry} and the registry's storage; raise --read-timeout (-OperationTimeoutSeconds) if it is only slow.",
            };

        private static string Seconds(TimeSpan idle) =>
            idle.TotalSeconds >= 1 ? $"{idle.TotalSeconds:0.#} s" : $"{idle.TotalMilliseconds:0} ms";
    }
}
