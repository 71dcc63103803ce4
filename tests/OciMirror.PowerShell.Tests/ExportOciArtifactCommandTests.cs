using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Commands;
using OciMirror.PowerShell.Tests.TestSupport;
using Xunit;

namespace OciMirror.PowerShell.Tests
{
    public class ExportOciArtifactCommandTests
    {
        private readonly FakeSink _sink = new FakeSink();
        private readonly FakeEngine _engine = new FakeEngine();

        [Fact]
        public void Blank_and_comment_lines_are_skipped_and_references_keep_their_order()
        {
            ExportOciArtifactCommand cmdlet = NewCmdlet("E/bundle");

            CmdletDriver.Begin(cmdlet);
            foreach (string?[]? record in new[] { new[] { "nginx:1.27" }, new[] { "" }, null, new string?[] { null }, new[] { "   " }, new[] { "# comment" }, new[] { "  #indented" }, new[] { "  alpine:3.20  ", "busybox" } })
            {
                cmdlet.Reference = record;
                CmdletDriver.Process(cmdlet);
            }

            CmdletDriver.End(cmdlet);

            ExportRequest request = Assert.Single(_engine.ExportRequests);
            Assert.Equal(new[] { "nginx:1.27", "alpine:3.20", "busybox" }, request.References);
        }

        [Fact]
        public void Request_carries_the_resolved_path_and_options_and_one_engine_call_serves_all_references()
        {
            ExportOciArtifactCommand cmdlet = NewCmdlet("E/bundle");
            cmdlet.ThrottleLimit = 9;

            Run(cmdlet, "a", "b");

            ExportRequest request = Assert.Single(_engine.ExportRequests);
            Assert.Equal("/fs/E/bundle", request.BundlePath);
            Assert.Equal(9, request.Concurrency);
            Assert.False(request.Source.PlainHttp);
            Assert.False(request.Source.SkipTlsVerify);
            Assert.IsType<OciMirror.Core.Credentials.CredentialResolver>(request.Source.Credentials);
        }

        [Theory]
        [InlineData(null, null)]
        [InlineData("Directory", OciMirror.Core.Archive.ArchiveFormat.Directory)]
        [InlineData("Tar", OciMirror.Core.Archive.ArchiveFormat.Tar)]
        [InlineData("targzip", OciMirror.Core.Archive.ArchiveFormat.TarGzip)]
        public void Format_is_passed_to_the_engine_and_left_to_the_extension_when_omitted(string? format, OciMirror.Core.Archive.ArchiveFormat? expected)
        {
            ExportOciArtifactCommand cmdlet = NewCmdlet("E/bundle.tgz");
            cmdlet.Format = format;

            Run(cmdlet, "a");

            ExportRequest request = Assert.Single(_engine.ExportRequests);
            Assert.Equal(expected, request.Format);
            Assert.Equal("/fs/E/bundle.tgz", request.BundlePath);
            Assert.Null(request.OutputStream);
        }

        [Fact]
        public void No_references_means_no_engine_call()
        {
            ExportOciArtifactCommand cmdlet = NewCmdlet("bundle");
            Run(cmdlet, "", "# nothing");
            Assert.Empty(_engine.ExportRequests);
        }

        [Fact]
        public void A_path_off_the_file_system_is_a_terminating_error_before_any_input()
        {
            _sink.ResolvePath = _ => null;
            ExportOciArtifactCommand cmdlet = NewCmdlet("HKLM:/bundle");

            TerminatingErrorException e = Assert.Throws<TerminatingErrorException>(() => CmdletDriver.Begin(cmdlet));

            Assert.Equal("OciInvalidDestination", e.Error.ErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.Error.Category);
            Assert.Equal("HKLM:/bundle", e.Error.TargetObject);
            Assert.Empty(_engine.ExportRequests);
        }

        [Fact]
        public void A_failed_artifact_is_a_non_terminating_error_and_the_other_results_are_still_written()
        {
            _engine.Export = (request, observer, _) =>
            {
                observer.OnArtifactCompleted(Results.Copied("a"));
                observer.OnArtifactCompleted(Results.Failed("not a ref!", OciErrorKind.InvalidReference));
                observer.OnArtifactCompleted(Results.Failed("b", OciErrorKind.AuthenticationFailed, "Run docker login registry.example."));
                observer.OnArtifactCompleted(Results.Copied("c"));
                return Task.FromResult(Results.Summary());
            };

            Run(NewCmdlet("bundle"), "a", "not a ref!", "b", "c");

            Assert.Equal(new[] { "object", "error:OciInvalidReference", "error:OciAuthenticationFailed", "object" }, _sink.Events.Where(e => e == "object" || e.StartsWith("error", StringComparison.Ordinal)));
            Assert.Equal(new[] { "docker.io/library/a", "docker.io/library/c" }, _sink.Objects.Cast<OciArtifactInfo>().Select(o => o.Reference));

            var invalid = _sink.Errors[0];
            Assert.Equal(ErrorCategory.InvalidArgument, invalid.Category);
            Assert.Equal("not a ref!", invalid.TargetObject);
            Assert.IsType<OciException>(invalid.Exception);
            Assert.Contains("[registry/]repository[:tag]", invalid.RecommendedAction);

            var auth = _sink.Errors[1];
            Assert.Equal(ErrorCategory.AuthenticationError, auth.Category);
            Assert.Equal("b", auth.TargetObject);
            Assert.Equal("Run docker login registry.example.", auth.RecommendedAction);
        }

        [Fact]
        public void Output_objects_carry_the_engine_result()
        {
            _engine.Export = (_, observer, _) =>
            {
                observer.OnArtifactCompleted(Results.Copied("nginx:1.27", "sha256:1234", 500));
                return Task.FromResult(Results.Summary());
            };

            Run(NewCmdlet("bundle"), "nginx:1.27");

            OciArtifactInfo info = Assert.IsType<OciArtifactInfo>(Assert.Single(_sink.Objects));
            Assert.Equal("docker.io/library/nginx:1.27", info.Reference);
            Assert.Equal("sha256:1234", info.Digest);
            Assert.Equal("/fs/bundle", info.Destination);
            Assert.Equal("Copied", info.Status);
            Assert.Equal(new[] { "linux/amd64", "linux/arm64" }, info.Platform);
            Assert.Equal(1000, info.Size);
            Assert.Equal(500, info.BytesCopied);
            Assert.Equal(3, info.BlobsCopied);
        }

        [Fact]
        public void An_engine_exception_that_stops_everything_is_a_terminating_error()
        {
            _engine.Export = (_, _, _) => Task.FromException<OperationSummary>(
                new OciException(OciErrorKind.InvalidDestination, "'/fs/bundle' is a file.") { Path = "/fs/bundle" });

            TerminatingErrorException e = Assert.Throws<TerminatingErrorException>(() => Run(NewCmdlet("bundle"), "a"));

            Assert.Equal("OciInvalidDestination", e.Error.ErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.Error.Category);
            Assert.Equal("/fs/bundle", e.Error.TargetObject);
            Assert.False(string.IsNullOrEmpty(e.Error.RecommendedAction));
        }

        [Fact]
        public void ShouldProcess_is_marshalled_to_the_pipeline_thread_and_its_answer_reaches_the_engine()
        {
            _sink.ShouldProcessAnswer = (target, _) => target != "b";
            var answers = new bool[2];
            _engine.Export = async (request, observer, token) =>
            {
                answers[0] = await observer.ShouldProcessAsync("a", "Export to /fs/bundle", token);
                answers[1] = await observer.ShouldProcessAsync("b", "Export to /fs/bundle", token);
                return Results.Summary();
            };
            int pipelineThread = Environment.CurrentManagedThreadId;

            Run(NewCmdlet("bundle"), "a", "b");

            Assert.Equal(new[] { true, false }, answers);
            Assert.Equal(new[] { ("a", "Export to /fs/bundle"), ("b", "Export to /fs/bundle") }, _sink.ShouldProcessCalls);
            Assert.NotEqual(pipelineThread, _engine.CallThreadId);
            Assert.All(_sink.ThreadIds, id => Assert.Equal(pipelineThread, id));
        }

        [Fact]
        public void Every_write_from_engine_threads_happens_on_the_pipeline_thread()
        {
            _engine.Export = async (_, observer, _) =>
            {
                await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
                {
                    observer.Log(LogLevel.Verbose, "GET /v2/ " + i);
                    observer.OnArtifactCompleted(Results.Copied("img" + i));
                })));
                return Results.Summary();
            };
            int pipelineThread = Environment.CurrentManagedThreadId;

            Run(NewCmdlet("bundle"), "x");

            Assert.Equal(8, _sink.Objects.Count);
            Assert.All(_sink.ThreadIds, id => Assert.Equal(pipelineThread, id));
        }

        [Fact]
        public void Engine_log_passes_through_to_verbose_debug_and_warning_and_a_summary_is_verbose()
        {
            _engine.Export = (_, observer, _) =>
            {
                observer.Log(LogLevel.Verbose, "GET https://registry-1.docker.io/v2/library/nginx/manifests/1.27 200");
                observer.Log(LogLevel.Debug, "token cached for repository:library/nginx:pull");
                observer.Log(LogLevel.Warning, "falling back to HTTP for localhost:5000");
                return Task.FromResult(Results.Summary(Results.Copied("a", bytes: 2048), Results.Failed("b", OciErrorKind.NotFound)));
            };

            Run(NewCmdlet("bundle"), "a", "b");

            Assert.Equal("GET https://registry-1.docker.io/v2/library/nginx/manifests/1.27 200", _sink.Verbose[0]);
            Assert.Equal(new[] { "token cached for repository:library/nginx:pull" }, _sink.Debug);
            Assert.Equal(new[] { "falling back to HTTP for localhost:5000" }, _sink.Warnings);
            Assert.Equal("Export to /fs/bundle: 1 copied, 0 skipped, 0 declined, 1 failed; 2.0 KiB transferred.", _sink.Verbose.Last());
        }

        [Fact]
        public void StopProcessing_cancels_the_engine_token_and_ends_with_PipelineStoppedException()
        {
            var started = new ManualResetEventSlim();
            _engine.Export = async (_, _, token) =>
            {
                started.Set();
                await Task.Delay(Timeout.Infinite, token);
                return Results.Summary();
            };
            ExportOciArtifactCommand cmdlet = NewCmdlet("bundle");
            var stopper = new Thread(() =>
            {
                started.Wait();
                CmdletDriver.Stop(cmdlet);
            });
            stopper.Start();

            Assert.Throws<PipelineStoppedException>(() => Run(cmdlet, "a"));

            stopper.Join();
            Assert.True(_engine.LastToken.IsCancellationRequested);
            cmdlet.Dispose();
        }

        [Fact]
        public void Ctrl_C_while_a_ShouldProcess_prompt_is_pending_does_not_hang_the_engine()
        {
            Task<bool>? pending = null;
            var started = new ManualResetEventSlim();
            ExportOciArtifactCommand cmdlet = NewCmdlet("bundle");
            _sink.ShouldProcessAnswer = (_, _) =>
            {
                // The user presses Ctrl+C while the prompt is up; PowerShell stops the pipeline.
                CmdletDriver.Stop(cmdlet);
                throw new PipelineStoppedException();
            };
            _engine.Export = async (_, observer, token) =>
            {
                pending = observer.ShouldProcessAsync("a", "Export", token);
                started.Set();
                await pending;
                return Results.Summary();
            };

            Assert.Throws<PipelineStoppedException>(() => Run(cmdlet, "a"));

            Assert.True(started.Wait(TimeSpan.FromSeconds(10)));
            Assert.True(((IAsyncResult)pending!).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "the engine's ShouldProcess task never completed");
            Assert.True(pending!.IsFaulted || pending.IsCanceled);
        }

        [Fact]
        public void An_exception_from_a_write_on_the_pipeline_thread_cancels_the_engine_and_propagates()
        {
            var stop = new ActionPreferenceStopException("stopped by -ErrorAction Stop");
            _sink.WriteErrorThrows = stop;
            var engineSawCancel = new ManualResetEventSlim();
            _engine.Export = async (_, observer, token) =>
            {
                observer.OnArtifactCompleted(Results.Failed("bad", OciErrorKind.InvalidReference));
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException)
                {
                    engineSawCancel.Set();
                    throw;
                }

                return Results.Summary();
            };

            Exception thrown = Assert.ThrowsAny<Exception>(() => Run(NewCmdlet("bundle"), "bad", "good"));

            Assert.Same(stop, thrown);
            Assert.True(engineSawCancel.Wait(TimeSpan.FromSeconds(10)));
        }

        private ExportOciArtifactCommand NewCmdlet(string path)
        {
            ExportOciArtifactCommand cmdlet = CmdletDriver.Create<ExportOciArtifactCommand>(_sink, _engine);
            cmdlet.Path = path;
            return cmdlet;
        }

        private static void Run(ExportOciArtifactCommand cmdlet, params string[] references)
        {
            CmdletDriver.Begin(cmdlet);
            cmdlet.Reference = references;
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);
        }
    }
}
