using System;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace OciMirror.Cli
{
    /// <summary>
    /// Standard output as a byte stream that reports a closed pipe. On Unix, .NET's console stream ignores
    /// EPIPE (a reader that went away looks like a successful write), so an archive written with
    /// <c>export -o -</c> into a pipe whose reader died would be reported copied; a file stream over
    /// descriptor 1 throws IOException instead. Windows' console stream reports a broken pipe already.
    /// </summary>
    internal static class StandardOutput
    {
        public static Stream Open() =>
            OperatingSystem.IsWindows()
                ? Console.OpenStandardOutput()
                : new FileStream(new SafeFileHandle((IntPtr)1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
    }
}
