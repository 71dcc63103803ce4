using System.IO;
using System.Text.Json;
using OciMirror.Cli;
using OciMirror.Cli.Output;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using Xunit;

namespace OciMirror.Integration.Tests
{
    /// <summary>The CLI's rendering of engine events: where each kind of output goes.</summary>
    public sealed class ConsoleObserverTests
    {
        private readonly StringWriter _out = new StringWriter();
        private readonly StringWriter _err = new StringWriter();

        [Fact]
        public void Progress_IsDrawnOnlyWhenStderrIsATerminal()
        {
            var redirected = Observer(json: false, terminal: false, level: null);
            redirected.OnProgress(new ProgressSnapshot("Exporting", "a:1", 50, 100, 0, 2, completed: false));
            Assert.Equal(string.Empty, _err.ToString());

            var terminal = Observer(json: false, terminal: true, level: null);
            terminal.OnProgress(new ProgressSnapshot("Exporting", "a:1", 50, 100, 0, 2, completed: false));
            Assert.Contains("[ 50%] 0/2 artifacts", _err.ToString());
            terminal.OnProgress(new ProgressSnapshot("Exporting", "done", 100, 100, 2, 2, completed: true));
            Assert.EndsWith("\r", _err.ToString());
            Assert.Equal(string.Empty, _out.ToString());
        }

        [Fact]
        public void Results_HumanLinesOnStdout_FailuresOnStderrWithAHint()
        {
            var observer = Observer(json: false, terminal: false, level: null);
            observer.OnArtifactCompleted(new ArtifactResult { Input = "a:1", Source = "docker.io/library/a:1", Status = ArtifactStatus.Copied, Digest = "sha256:" + new string('a', 64), Size = 2048 });
            observer.OnArtifactCompleted(new ArtifactResult
            {
                Input = "b:2",
                Source = "docker.io/library/b:2",
                Status = ArtifactStatus.Failed,
                Error = new OciException(OciErrorKind.NotFound, "manifest unknown") { RecommendedAction = "Check the tag." },
            });

            Assert.Equal($"copied   docker.io/library/a:1  sha256:{new string('a', 64)}  2.0 KiB\n", _out.ToString().Replace("\r\n", "\n"));
            Assert.Contains("error: docker.io/library/b:2: manifest unknown", _err.ToString());
            Assert.Contains("hint: Check the tag.", _err.ToString());
        }

        [Fact]
        public void Results_Json_OneObjectPerLine_WithTheErrorKind()
        {
            var observer = Observer(json: true, terminal: false, level: null);
            observer.OnArtifactCompleted(new ArtifactResult { Input = "a:1", Status = ArtifactStatus.Skipped, Platforms = new[] { "linux/amd64" } });
            observer.OnArtifactCompleted(new ArtifactResult { Input = "b:2", Status = ArtifactStatus.Failed, Error = new OciException(OciErrorKind.DigestMismatch, "bad bytes") { Side = ErrorSide.Source } });

            string[] lines = _out.ToString().Trim().Split('\n');
            Assert.Equal(2, lines.Length);
            using JsonDocument first = JsonDocument.Parse(lines[0]);
            Assert.Equal("skipped", first.RootElement.GetProperty("status").GetString());
            Assert.Equal("linux/amd64", first.RootElement.GetProperty("platforms")[0].GetString());
            Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("error").ValueKind);
            using JsonDocument second = JsonDocument.Parse(lines[1]);
            Assert.Equal("DigestMismatch", second.RootElement.GetProperty("error").GetProperty("kind").GetString());
            Assert.Equal("Source", second.RootElement.GetProperty("error").GetProperty("side").GetString());
            Assert.Contains("bad bytes", _err.ToString());
        }

        [Fact]
        public void Log_WarningsAlways_VerboseAndDebugOnlyWhenAsked()
        {
            var quiet = Observer(json: false, terminal: false, level: null);
            quiet.Log(LogLevel.Debug, "d1");
            quiet.Log(LogLevel.Verbose, "v1");
            quiet.Log(LogLevel.Warning, "w1");
            var verbose = Observer(json: false, terminal: false, level: LogLevel.Verbose);
            verbose.Log(LogLevel.Debug, "d2");
            verbose.Log(LogLevel.Verbose, "v2");
            var debug = Observer(json: false, terminal: false, level: LogLevel.Debug);
            debug.Log(LogLevel.Debug, "d3");

            string err = _err.ToString();
            Assert.DoesNotContain("d1", err);
            Assert.DoesNotContain("v1", err);
            Assert.Contains("warning: w1", err);
            Assert.DoesNotContain("d2", err);
            Assert.Contains("verbose: v2", err);
            Assert.Contains("debug: d3", err);
            Assert.Equal(string.Empty, _out.ToString());
        }

        private ConsoleObserver Observer(bool json, bool terminal, LogLevel? level) =>
            new ConsoleObserver(new CliConsole(new StringReader(string.Empty), _out, _err, terminal), json, level, r => r.Source ?? r.Input);
    }
}
