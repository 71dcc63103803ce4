using System;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Commands;
using OciMirror.PowerShell.Common;
using OciMirror.PowerShell.Tests.TestSupport;
using Xunit;

namespace OciMirror.PowerShell.Tests
{
    public class ProgressTests
    {
        private readonly FakeSink _sink = new FakeSink();
        private readonly FakeEngine _engine = new FakeEngine();
        private TimeSpan _now = TimeSpan.Zero;

        [Fact]
        public void Updates_are_throttled_to_one_per_interval()
        {
            _engine.Export = (_, observer, _) =>
            {
                // 100 snapshots 10 ms apart = 1 s of engine time: at most 4 updates a second get through.
                for (int i = 0; i < 100; i++)
                {
                    _now = TimeSpan.FromMilliseconds(10 * i);
                    observer.OnProgress(new ProgressSnapshot("Exporting", "a", i, 100, 0, 1, completed: false));
                }

                return Task.FromResult(Results.Summary());
            };

            Run();

            // Shown at 0, 250, 500 and 750 ms of the fake clock.
            Assert.Equal(new[] { 0, 25, 50, 75 }, _sink.Progress.Where(p => !p.Completed).Select(p => p.PercentComplete));
        }

        [Fact]
        public void Every_activity_shown_gets_a_Completed_record_at_the_end()
        {
            _engine.Export = (_, observer, _) =>
            {
                observer.OnProgress(new ProgressSnapshot("Exporting", "a", 1, 10, 0, 1, completed: false));
                return Task.FromResult(Results.Summary());
            };

            Run();

            Assert.Equal(new[] { "progress", "progress-completed" }, _sink.Events.Where(e => e.StartsWith("progress", StringComparison.Ordinal)));
            OciProgressInfo last = _sink.Progress.Last();
            Assert.True(last.Completed);
            Assert.Equal(_sink.Progress[0].ActivityId, last.ActivityId);
            Assert.Equal("Exporting", last.Activity);
        }

        [Fact]
        public void A_Completed_record_is_written_even_when_the_engine_fails()
        {
            _engine.Export = async (_, observer, _) =>
            {
                observer.OnProgress(new ProgressSnapshot("Exporting", "a", 1, 10, 0, 1, completed: false));
                await Task.Yield();
                throw new OciException(OciErrorKind.InvalidDestination, "not writable");
            };

            Assert.Throws<TerminatingErrorException>(() => Run());

            Assert.True(_sink.Progress.Last().Completed);
            Assert.True(_sink.Events.IndexOf("progress-completed") < _sink.Events.IndexOf("terminating:OciInvalidDestination"));
        }

        [Fact]
        public void Completed_snapshot_completes_once_and_later_completion_adds_nothing()
        {
            _engine.Export = (_, observer, _) =>
            {
                observer.OnProgress(new ProgressSnapshot("Exporting", "a", 1, 10, 0, 1, completed: false));
                _now = TimeSpan.FromSeconds(1);
                observer.OnProgress(new ProgressSnapshot("Exporting", "done", 10, 10, 1, 1, completed: true));
                return Task.FromResult(Results.Summary());
            };

            Run();

            Assert.Single(_sink.Progress, p => p.Completed);
        }

        [Fact]
        public void Nothing_shown_means_no_Completed_record()
        {
            Run();
            Assert.Empty(_sink.Progress);
        }

        [Theory]
        [InlineData(-1L, 0, -1)] // nothing known
        [InlineData(150L, 100, 100)] // more bytes than announced: clamped
        [InlineData(0L, -1, -1)] // total unknown, no artifact count
        public void Percent_is_clamped_to_0_100_or_minus_1(long done, long total, int expected)
        {
            _engine.Export = (_, observer, _) =>
            {
                observer.OnProgress(new ProgressSnapshot("Exporting", "a", done, total, 0, 0, completed: false));
                return Task.FromResult(Results.Summary());
            };

            Run();

            Assert.Equal(expected, _sink.Progress[0].PercentComplete);
        }

        [Fact]
        public void Activity_and_status_are_never_empty()
        {
            _engine.Export = (_, observer, _) =>
            {
                observer.OnProgress(new ProgressSnapshot("", " ", 5, 10, 2, 7, completed: false));
                return Task.FromResult(Results.Summary());
            };

            Run();

            OciProgressInfo first = _sink.Progress[0];
            Assert.Equal("Exporting 1 artifact(s) to /fs/bundle", first.Activity);
            Assert.Equal("2 of 7 artifacts", first.StatusDescription);
            Assert.Equal("5 B of 10 B", first.CurrentOperation);
            Assert.All(_sink.Progress, p => Assert.False(string.IsNullOrWhiteSpace(p.Activity) || string.IsNullOrWhiteSpace(p.StatusDescription)));
        }

        private void Run()
        {
            ExportOciArtifactCommand cmdlet = CmdletDriver.Create<ExportOciArtifactCommand>(_sink, _engine);
            cmdlet.ProgressClock = () => _now;
            cmdlet.Path = "bundle";
            CmdletDriver.Begin(cmdlet);
            cmdlet.Reference = new[] { "a" };
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);
        }
    }
}
