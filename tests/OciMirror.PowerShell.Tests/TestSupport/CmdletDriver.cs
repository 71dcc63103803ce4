using System.Reflection;
using System.Runtime.ExceptionServices;
using OciMirror.PowerShell.Common;

namespace OciMirror.PowerShell.Tests.TestSupport
{
    /// <summary>
    /// Calls a cmdlet's protected pipeline methods the way the PowerShell runtime would, unwrapping
    /// reflection's TargetInvocationException so tests see the cmdlet's own exception.
    /// </summary>
    internal static class CmdletDriver
    {
        public static T Create<T>(FakeSink sink, FakeEngine engine)
            where T : OciAsyncCmdlet, new()
        {
            var cmdlet = new T { Sink = sink, Engine = engine };
            return cmdlet;
        }

        public static void Begin(OciAsyncCmdlet cmdlet) => Invoke(cmdlet, "BeginProcessing");

        public static void Process(OciAsyncCmdlet cmdlet) => Invoke(cmdlet, "ProcessRecord");

        public static void End(OciAsyncCmdlet cmdlet) => Invoke(cmdlet, "EndProcessing");

        public static void Stop(OciAsyncCmdlet cmdlet) => Invoke(cmdlet, "StopProcessing");

        private static void Invoke(object cmdlet, string method)
        {
            MethodInfo info = cmdlet.GetType().GetMethod(method, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)!;
            try
            {
                info.Invoke(cmdlet, null);
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }
    }
}
