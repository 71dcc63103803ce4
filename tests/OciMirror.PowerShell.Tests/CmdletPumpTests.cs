using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.PowerShell.Common;
using OciMirror.PowerShell.Tests.TestSupport;
using Xunit;

namespace OciMirror.PowerShell.Tests
{
    public class CmdletPumpTests
    {
        [Fact]
        public void Items_run_on_the_calling_thread_in_the_order_they_were_posted()
        {
            var pump = new CmdletPump();
            var sink = new FakeSink();
            int caller = Environment.CurrentManagedThreadId;

            int result = pump.Run(
                sink,
                async _ =>
                {
                    await Task.Yield();
                    for (int i = 0; i < 50; i++)
                    {
                        int n = i;
                        pump.Post(s => s.WriteVerbose(n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }

                    return 42;
                },
                new CancellationTokenSource());

            Assert.Equal(42, result);
            Assert.Equal(50, sink.Verbose.Count);
            Assert.Equal("49", sink.Verbose[49]);
            Assert.All(sink.ThreadIds, id => Assert.Equal(caller, id));
        }

        [Fact]
        public void Posts_after_the_pump_ended_are_dropped_and_invocations_are_cancelled()
        {
            var pump = new CmdletPump();
            var sink = new FakeSink();
            pump.Run(sink, _ => Task.FromResult(0), new CancellationTokenSource());

            pump.Post(s => s.WriteVerbose("late"));
            Task<bool> late = pump.InvokeAsync(s => s.ShouldProcess("t", "a"), CancellationToken.None);

            Assert.Empty(sink.Verbose);
            Assert.True(late.IsCanceled);
        }

        [Fact]
        public void The_engine_exception_is_rethrown_on_the_calling_thread_after_its_writes()
        {
            var pump = new CmdletPump();
            var sink = new FakeSink();

            var e = Assert.Throws<InvalidOperationException>(() => pump.Run<int>(
                sink,
                async _ =>
                {
                    pump.Post(s => s.WriteWarning("before"));
                    await Task.Yield();
                    throw new InvalidOperationException("engine bug");
                },
                new CancellationTokenSource()));

            Assert.Equal("engine bug", e.Message);
            Assert.Equal(new[] { "before" }, sink.Warnings);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_stop_returns_only_after_the_engine_has_finished_winding_down(bool ctrlC)
        {
            // -ErrorAction Stop (a write throws) or Ctrl+C (the stop token): the engine is cancelled and
            // finishes what it must (index.json, closing an archive) before the cmdlet returns, so the next
            // command sees a finished bundle and no writer still at work.
            var pump = new CmdletPump();
            var sink = new FakeSink { WriteErrorThrows = new ActionPreferenceStopException("stop") };
            var stop = new CancellationTokenSource();
            var windingDown = new ManualResetEventSlim();
            var finishWindingDown = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var returned = new ManualResetEventSlim();
            bool finished = false;
            var releaser = new Thread(() =>
            {
                windingDown.Wait();
                // Not a timing assertion: only how long a pump that does not wait gets to return first.
                returned.Wait(TimeSpan.FromSeconds(2));
                finishWindingDown.SetResult(true);
            });
            releaser.Start();

            Assert.ThrowsAny<Exception>(() => pump.Run(
                sink,
                async token =>
                {
                    if (ctrlC)
                    {
                        stop.Cancel();
                    }
                    else
                    {
                        pump.Post(s => s.WriteError(new Errors.OciErrorInfo(new InvalidOperationException("bad"), "Id", ErrorCategory.InvalidArgument, "bad", null)));
                    }

                    try
                    {
                        await Task.Delay(Timeout.Infinite, token);
                    }
                    catch (OperationCanceledException)
                    {
                        windingDown.Set();
                        await finishWindingDown.Task;
                        finished = true;
                        throw;
                    }

                    return 0;
                },
                stop));

            bool finishedWhenReturned = finished;
            returned.Set();
            releaser.Join();
            Assert.True(finishedWhenReturned, "the pump returned while the engine was still winding down");
        }

        [Fact]
        public void Cancellation_before_start_is_a_stopped_pipeline()
        {
            var stop = new CancellationTokenSource();
            stop.Cancel();

            Assert.Throws<PipelineStoppedException>(() => new CmdletPump().Run(new FakeSink(), _ => Task.FromResult(1), stop));
        }
    }
}
