using System;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.PowerShell.Hosted.Tests.Support;
using Xunit;

namespace OciMirror.PowerShell.Hosted.Tests
{
    /// <summary>PowerShell.Stop() (what Ctrl+C does) reaches StopProcessing, which cancels the engine's request.</summary>
    public sealed class StopProcessingTests : IClassFixture<ModuleSession>, IDisposable
    {
        // Guards against a hang only; nothing here asserts how long anything takes.
        private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
        private readonly ModuleSession _session;
        private readonly TempDirectory _work = new TempDirectory("ocimirror-hosted");

        public StopProcessingTests(ModuleSession session)
        {
            _session = session;
        }

        public void Dispose() => _work.Dispose();

        [Fact]
        public async Task Stop_cancels_a_request_the_registry_never_answers()
        {
            // A "registry" that accepts the connection and never says a word.
            var silent = new TcpListener(IPAddress.Loopback, 0);
            silent.Start();
            int port = ((IPEndPoint)silent.LocalEndpoint).Port;
            try
            {
                using System.Management.Automation.PowerShell ps = _session.Create($"Export-OciArtifact -Reference '127.0.0.1:{port}/stuck/app:1' -Path '{_work.Combine("bundle")}' -PlainHttp");
                IAsyncResult invocation = ps.BeginInvoke();
                using TcpClient connection = await silent.AcceptTcpClientAsync().WaitAsync(Guard);

                await Task.Run(ps.Stop).WaitAsync(Guard);

                Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
                Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(invocation));

                // The engine's HTTP request was cancelled: the client closed its side of the connection.
                var buffer = new byte[4096];
                NetworkStream stream = connection.GetStream();
                while (await stream.ReadAsync(buffer).AsTask().WaitAsync(Guard) > 0)
                {
                }

                Assert.False(System.IO.Directory.Exists(_work.Combine("bundle")));
            }
            finally
            {
                silent.Stop();
            }
        }
    }
}
