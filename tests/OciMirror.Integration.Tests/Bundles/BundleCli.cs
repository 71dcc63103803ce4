using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Cli;
using OciMirror.Integration.Tests.Infrastructure;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>In-process CLI runs whose binary stdin is a file (<c>ocimirror verify - &lt; FILE</c>), and a blob probe.</summary>
    public static class BundleCli
    {
        private static readonly HttpClient Http = new HttpClient();

        public static async Task<CliResult> RunWithStdinFileAsync(string file, params string[] args)
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5)); // hang guard only
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            using FileStream stdin = File.OpenRead(file);
            var console = new CliConsole(new StringReader(string.Empty), stdout, stderr, errorIsTerminal: false) { OpenBinaryInput = () => stdin };
            int code = await Program.RunAsync(args, console, cancel.Token).ConfigureAwait(false);
            return new CliResult(args, code, stdout.ToString(), stderr.ToString());
        }

        /// <summary>True when the registry has the blob in that repository (HEAD 200).</summary>
        public static async Task<bool> HasBlobAsync(string host, string repository, string digest)
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, $"http://{host}/v2/{repository}/blobs/{digest}");
            using HttpResponseMessage response = await Http.SendAsync(request).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
    }
}
