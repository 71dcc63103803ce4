using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Operations;
using OciMirror.Core.Registry;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Framework.Tests
{
    /// <summary>
    /// The netstandard2.0 Core on the .NET Framework API (Mono standing in for Windows PowerShell 5.1): a
    /// hand-written layout is imported into registry A, exported from A as a directory, a .tar and a .tgz,
    /// verified, listed and imported into registry B, and every digest in B is the one the layout was
    /// written with. Runs the real HTTP stack, hashing, tar and gzip of the Framework.
    /// </summary>
    public sealed class FrameworkRoundTripTests : IDisposable
    {
        private readonly string _work = Path.Combine(Path.GetTempPath(), "ocimirror-fw-rt-" + Guid.NewGuid().ToString("N"));
        private readonly DockerRegistry _a = DockerRegistry.Start();
        private readonly DockerRegistry _b = DockerRegistry.Start();

        public void Dispose()
        {
            _a.Dispose();
            _b.Dispose();
            Directory.Delete(_work, recursive: true);
        }

        [Theory]
        [InlineData(ArchiveFormat.Directory, "bundle")]
        [InlineData(ArchiveFormat.Tar, "bundle.tar")]
        [InlineData(ArchiveFormat.TarGzip, "bundle.tgz")]
        public async Task Registry_to_bundle_to_registry_keeps_every_digest(ArchiveFormat format, string name)
        {
            IReadOnlyDictionary<string, string> digests = HandMadeLayout.Write(Path.Combine(_work, "seed"), 256 * 1024);
            OperationSummary seeded = await new ImportOperation(new ImportRequest { BundlePath = Path.Combine(_work, "seed"), Destination = _a.Host, Target = Plain(), Concurrency = 4 })
                .RunAsync(new RecordingObserver(), CancellationToken.None);
            Assert.Equal(3, seeded.Copied);

            string bundle = Path.Combine(_work, name);
            string[] references = digests.Keys.Select(tag => _a.Host + "/fw/app:" + tag).ToArray();
            var exportObserver = new RecordingObserver();
            OperationSummary exported = await new ExportOperation(new ExportRequest { References = references, BundlePath = bundle, Format = format, Source = Plain() })
                .RunAsync(exportObserver, CancellationToken.None);
            Assert.Equal(3, exported.Copied);
            Assert.Equal(references, exportObserver.Completed.Select(r => r.Input));

            BundleVerifyReport report = await new BundleVerifyOperation(new BundleRequest { BundlePath = bundle }).RunAsync(new RecordingObserver(), CancellationToken.None);
            Assert.True(report.IsValid, string.Join("; ", report.LayoutProblems.Concat(report.BadBlobs.Select(b => b.Message))));
            IReadOnlyList<BundleArtifactInfo> entries = await new BundleListOperation(new BundleRequest { BundlePath = bundle }).RunAsync(new RecordingObserver(), CancellationToken.None);
            Assert.Equal(digests.Values.OrderBy(d => d), entries.Select(e => e.Digest).OrderBy(d => d));

            OperationSummary imported = await new ImportOperation(new ImportRequest { BundlePath = bundle, Destination = _b.Host + "/mirror", Target = Plain() })
                .RunAsync(new RecordingObserver(), CancellationToken.None);
            Assert.Equal(3, imported.Copied);
            foreach (KeyValuePair<string, string> tag in digests)
            {
                Assert.Equal(tag.Value, await HeadDigestAsync(_b.Host, "mirror/fw/app", tag.Key));
            }

            IReadOnlyList<TagInfo> tags = await new TagListOperation(new TagListRequest { Repository = _a.Host + "/fw/app", ResolveDigests = true, Source = Plain() })
                .RunAsync(new RecordingObserver(), CancellationToken.None);
            Assert.Equal(digests.OrderBy(d => d.Key).Select(d => d.Key + "@" + d.Value), tags.OrderBy(t => t.Tag).Select(t => t.Tag + "@" + t.Digest));
        }

        private static RegistryAccessOptions Plain() => new RegistryAccessOptions { PlainHttp = true };

        /// <summary>The digest a tag has in the registry (plain HTTP HEAD), or null.</summary>
        private static async Task<string?> HeadDigestAsync(string host, string repository, string tag)
        {
            using var client = new HttpClient();
            var request = new HttpRequestMessage(HttpMethod.Head, "http://" + host + "/v2/" + repository + "/manifests/" + tag);
            request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
            request.Headers.Accept.ParseAdd("application/vnd.oci.image.index.v1+json");
            using HttpResponseMessage response = await client.SendAsync(request);
            return response.IsSuccessStatusCode ? response.Headers.GetValues("Docker-Content-Digest").Single() : null;
        }
    }
}
