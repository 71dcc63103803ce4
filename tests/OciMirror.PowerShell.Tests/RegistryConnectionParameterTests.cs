using System;
using System.IO;
using System.Management.Automation;
using OciMirror.Core.Operations;
using OciMirror.Core.Registry;
using OciMirror.PowerShell.Commands;
using OciMirror.PowerShell.Tests.TestSupport;
using Xunit;

namespace OciMirror.PowerShell.Tests
{
    /// <summary>The certificate, auth-file and registry-settings parameters of every registry cmdlet.</summary>
    public sealed class RegistryConnectionParameterTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "ocimirror-ps-" + Guid.NewGuid().ToString("N"));
        private readonly FakeSink _sink = new FakeSink();
        private readonly FakeEngine _engine = new FakeEngine();

        public RegistryConnectionParameterTests()
        {
            Directory.CreateDirectory(_root);
            _sink.ResolvePath = path => path.StartsWith("cert:", StringComparison.Ordinal) ? null : Path.Combine(_root, path);
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);

        [Fact]
        public void Paths_are_resolved_through_the_provider_and_reach_the_engine_once_per_invocation()
        {
            File.WriteAllText(Path.Combine(_root, "registries.yaml"), "registries:\n  registry.corp.local:\n    insecure: true\n    ca-file: corp.pem\n");
            GetOciTagCommand cmdlet = NewCmdlet("registry.corp.local/app", "registry.corp.local/other");
            cmdlet.CertificateAuthorityPath = "ca.pem";
            cmdlet.CertificateDirectory = new[] { "certs.d", " " };
            cmdlet.ClientCertificatePath = "client.cert";
            cmdlet.ClientKeyPath = "client.key";
            cmdlet.AuthFile = "auth.json";
            cmdlet.RegistryConfigPath = "registries.yaml";

            Run(cmdlet);

            Assert.Equal(2, _engine.TagRequests.Count);
            RegistryAccessOptions options = _engine.TagRequests[0].Source;
            Assert.Same(options, _engine.TagRequests[1].Source);
            Assert.Equal(Path.Combine(_root, "ca.pem"), options.CertificateAuthorityFile);
            Assert.Equal(new[] { Path.Combine(_root, "certs.d") }, options.CertificateDirectories);
            Assert.Equal(Path.Combine(_root, "client.cert"), options.ClientCertificateFile);
            Assert.Equal(Path.Combine(_root, "client.key"), options.ClientKeyFile);
            RegistryHostSettings corp = options.Hosts!["registry.corp.local"];
            Assert.True(corp.SkipTlsVerify);
            Assert.Equal(Path.Combine(_root, "corp.pem"), corp.CertificateAuthorityFile);
        }

        [Fact]
        public void Without_certificate_parameters_the_defaults_stay()
        {
            Run(NewCmdlet("nginx"));

            RegistryAccessOptions options = Assert.Single(_engine.TagRequests).Source;
            Assert.Null(options.CertificateAuthorityFile);
            Assert.Null(options.CertificateDirectories);
            Assert.Null(options.Hosts);
        }

        [Theory]
        [InlineData(null, 60)]
        [InlineData(5, 5)]
        [InlineData(0, 0)]
        public void OperationTimeoutSeconds_is_the_idle_read_timeout(int? seconds, int expected)
        {
            // Issue 7 item 14: the stall timeout of response bodies and uploads, 60 s unless given, 0 = off.
            GetOciTagCommand cmdlet = NewCmdlet("nginx");
            if (seconds != null)
            {
                cmdlet.OperationTimeoutSeconds = seconds.Value;
            }

            Run(cmdlet);

            Assert.Equal(TimeSpan.FromSeconds(expected), Assert.Single(_engine.TagRequests).Source.ReadTimeout);
        }

        [Fact]
        public void A_bad_registry_settings_file_is_a_terminating_error_naming_the_field()
        {
            File.WriteAllText(Path.Combine(_root, "bad.yaml"), "registries:\n  registry.corp.local:\n    password: hunter2-secret\n");
            GetOciTagCommand cmdlet = NewCmdlet("registry.corp.local/app");
            cmdlet.RegistryConfigPath = "bad.yaml";

            var e = Assert.Throws<TerminatingErrorException>(() => Run(cmdlet));

            Assert.Equal("OciInvalidConfiguration", e.Error.ErrorId);
            Assert.Equal(ErrorCategory.InvalidData, e.Error.Category);
            Assert.Contains("'password'", e.Error.Exception.Message);
            Assert.DoesNotContain("hunter2-secret", e.Error.Exception.Message);
            Assert.Empty(_engine.TagRequests);
        }

        [Fact]
        public void A_path_outside_the_file_system_is_a_terminating_error()
        {
            GetOciTagCommand cmdlet = NewCmdlet("nginx");
            cmdlet.CertificateAuthorityPath = "cert:\\CurrentUser\\Root";

            var e = Assert.Throws<TerminatingErrorException>(() => Run(cmdlet));

            Assert.Equal("OciInvalidPath", e.Error.ErrorId);
            Assert.Contains("-CertificateAuthorityPath", e.Error.Exception.Message);
        }

        private GetOciTagCommand NewCmdlet(params string[] repositories)
        {
            GetOciTagCommand cmdlet = CmdletDriver.Create<GetOciTagCommand>(_sink, _engine);
            cmdlet.Repository = repositories;
            return cmdlet;
        }

        private static void Run(GetOciTagCommand cmdlet)
        {
            CmdletDriver.Begin(cmdlet);
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);
        }
    }
}
