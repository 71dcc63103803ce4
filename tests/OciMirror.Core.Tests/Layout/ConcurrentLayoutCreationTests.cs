using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Layout;
using Xunit;

namespace OciMirror.Core.Tests.Layout
{
    /// <summary>
    /// Several writers creating one new layout directory at once, each writing into it as soon as it is open
    /// (what concurrent exports do): none may call the layout "not empty and not an OCI layout". The check
    /// made before taking the lock used to look for oci-layout first and list the directory second, so a
    /// writer that created the layout and its blobs/ folder in between made the other one refuse it (seen in
    /// ConcurrentWriterProcessTests and the Pester writers test, about one round in fifty).
    /// </summary>
    public class ConcurrentLayoutCreationTests
    {
        [Fact]
        public async Task WritersCreatingOneLayoutAtOnce_AllOpenIt()
        {
            using var fx = new LayoutFixture();
            for (int round = 0; round < 400; round++)
            {
                string dir = fx.PathOf("round-" + round);
                using var start = new ManualResetEventSlim(false);
                Task[] writers = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
                {
                    start.Wait();
                    // Arrivals spread over the first writer's creation (processes start at different moments).
                    Thread.SpinWait(((round * 7) + (i * 13)) % 6 * 20000);
                    using OciLayoutStore store = await OciLayoutStore.OpenAsync(dir, LayoutOpenMode.CreateOrOpen, CancellationToken.None);
                    string folder = Path.Combine(dir, "blobs", "sha256");
                    Directory.CreateDirectory(folder);
                    File.WriteAllText(Path.Combine(folder, "writer-" + i), "x");
                })).ToArray();
                start.Set();
                await Task.WhenAll(writers);
                Assert.True(File.Exists(Path.Combine(dir, "oci-layout")), $"round {round}: no oci-layout");
            }
        }
    }
}
