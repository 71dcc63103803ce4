using System;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Tests.TestSupport
{
    /// <summary>What <see cref="FakeSink.ThrowTerminatingError"/> throws, carrying the error it was given.</summary>
    internal sealed class TerminatingErrorException : Exception
    {
        public TerminatingErrorException(OciErrorInfo error)
            : base(error.ErrorId)
        {
            Error = error;
        }

        public OciErrorInfo Error { get; }
    }
}
