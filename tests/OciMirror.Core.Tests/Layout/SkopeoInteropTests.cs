using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;
using Xunit;

namespace OciMirror.Core.Tests.Layout
{
    /// <summary>Layouts we write are readable by skopeo, and layouts skopeo writes are readable by us.</summary>
    public class SkopeoInteropTests
    {
        [SkopeoFact]
        public async Task SkopeoReadsOurLayoutAndWeReadSkopeos()
        {
            using var fx = new LayoutFixture();
            string ours = fx.PathOf("ours");
            byte[] manifest;
            using (OciLayoutStore store = await OciLayoutStore.OpenAsync(ours, LayoutOpenMode.CreateOrOpen, CancellationToken.None))
            {
                manifest = await PushImageAsync(store);
                await store.TagAsync(Descriptor.FromBytes(MediaTypes.OciManifest, manifest), "localhost:5000/team/app:v1", CancellationToken.None);
            }

            // skopeo matches org.opencontainers.image.ref.name against the tag after the last ':'.
            byte[] raw = await RunSkopeoAsync("inspect", "--raw", "oci:" + ours + ":v1");
            Assert.Equal(manifest, raw);

            // skopeo writes a tag-only layout from ours; we resolve it by tag and as its single root.
            string theirs = fx.PathOf("theirs");
            await RunSkopeoAsync("--insecure-policy", "copy", "oci:" + ours + ":v1", "oci:" + theirs + ":copied");
            using OciLayoutStore read = await OciLayoutStore.OpenAsync(theirs, LayoutOpenMode.ReadOnly, CancellationToken.None);
            BundleEntry entry = Assert.Single(await read.ListEntriesAsync(CancellationToken.None));
            Assert.Null(entry.FullName);
            Assert.Equal("copied", entry.Tag);
            Descriptor root = await read.ResolveAsync("copied", CancellationToken.None);
            Assert.Equal(Digest.Compute(manifest), root.Digest);
            Assert.Equal(manifest, await read.FetchAllAsync(root, CancellationToken.None));
        }

        private static async Task<byte[]> PushImageAsync(OciLayoutStore store)
        {
            byte[] layer;
            using (var gz = new MemoryStream())
            {
                using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
                {
                    zip.Write(new byte[10240], 0, 10240); // an empty tar: two zero blocks and padding
                }

                layer = gz.ToArray();
            }

            byte[] config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.Compute(new byte[10240]) + "\"]}}");
            Descriptor configDesc = Descriptor.FromBytes(MediaTypes.OciConfig, config);
            Descriptor layerDesc = Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, layer);
            byte[] manifest = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"config\":{\"mediaType\":\"" + configDesc.MediaType + "\",\"digest\":\"" + configDesc.Digest + "\",\"size\":" + configDesc.Size
                + "},\"layers\":[{\"mediaType\":\"" + layerDesc.MediaType + "\",\"digest\":\"" + layerDesc.Digest + "\",\"size\":" + layerDesc.Size + "}]}");
            await store.PushAsync(layerDesc, new MemoryStream(layer), CancellationToken.None);
            await store.PushAsync(configDesc, new MemoryStream(config), CancellationToken.None);
            await store.PushAsync(Descriptor.FromBytes(MediaTypes.OciManifest, manifest), new MemoryStream(manifest), CancellationToken.None);
            return manifest;
        }

        private static async Task<byte[]> RunSkopeoAsync(params string[] args)
        {
            var info = new ProcessStartInfo(SkopeoFactAttribute.Executable!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var stdout = new MemoryStream();
            Task copy = process.StandardOutput.BaseStream.CopyToAsync(stdout, timeout.Token);
            Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            await copy;
            Assert.True(process.ExitCode == 0, $"skopeo {string.Join(" ", args)} exited {process.ExitCode}: {await stderr}");
            return stdout.ToArray();
        }
    }
}
