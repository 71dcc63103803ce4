using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using OciMirror.PowerShell.Hosted.Tests.Support;
using Xunit;

namespace OciMirror.PowerShell.Hosted.Tests
{
    /// <summary>
    /// PowerShell.Stop() during an export (issue 10: what finished before the stop is in the bundle): the
    /// first artifact has finished when the second one waits on a registry that never answers (one at a time,
    /// -ThrottleLimit 1); after the stop the bundle, archive or directory, names the first, and every object
    /// the cmdlet wrote before the stop is named by the bundle.
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class StoppedExportTests
    {
        // Guards against a hang only; nothing here asserts how long anything takes.
        private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
        private readonly SeededRegistry _registry;

        public StoppedExportTests(SeededRegistry registry)
        {
            _registry = registry;
        }

        [Theory]
        [InlineData("bundle.tgz")]
        [InlineData("bundle.tar.zst")]
        [InlineData("bundle")]
        public async Task Stop_keeps_what_finished_and_reports_nothing_the_bundle_does_not_name(string name)
        {
            var silent = new TcpListener(IPAddress.Loopback, 0);
            silent.Start();
            int port = ((IPEndPoint)silent.LocalEndpoint).Port;
            string bundle = _registry.Work.Combine(Guid.NewGuid().ToString("N").Substring(0, 8) + "-" + name);
            string finished = $"{_registry.Host}/fw/app:1.0";
            try
            {
                using System.Management.Automation.PowerShell ps = _registry.Session.Create(
                    $"Export-OciArtifact -Reference '{finished}', '127.0.0.1:{port}/stuck/app:1' -Path '{bundle}' -PlainHttp -ThrottleLimit 1");
                var output = new PSDataCollection<PSObject>();
                IAsyncResult invocation = ps.BeginInvoke<PSObject, PSObject>(null, output);
                using TcpClient connection = await silent.AcceptTcpClientAsync().WaitAsync(Guard);

                await Task.Run(ps.Stop).WaitAsync(Guard);

                Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
                ScriptRun listed = _registry.Session.Run($"Get-OciBundle -Path '{bundle}'");
                Assert.Empty(listed.Errors);
                Assert.Equal(new[] { finished }, listed.Property("Reference"));
                Assert.All(output.Select(o => o.Properties["Reference"]?.Value?.ToString()), r => Assert.Equal(finished, r));
                Assert.True(_registry.Session.Run($"Test-OciBundle -Path '{bundle}'").Output.Single().BaseObject is true);
            }
            finally
            {
                silent.Stop();
            }
        }
    }
}
