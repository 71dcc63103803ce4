using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Integration.Tests.Corpus
{
    /// <summary>
    /// Pushes the corpus with its own minimal distribution-spec client (POST + PUT monolithic upload, PUT
    /// manifest), independent of OciMirror's registry client so that it can serve as an oracle.
    /// </summary>
    public static class CorpusPusher
    {
        public static async Task PushAsync(TestCorpus corpus, Uri registry, CancellationToken cancellationToken)
        {
            using var http = new HttpClient { BaseAddress = registry };
            foreach (CorpusUpload upload in corpus.Uploads)
            {
                if (upload.IsManifest)
                {
                    await PutManifestAsync(http, upload, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await PushBlobAsync(http, upload, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private static async Task PushBlobAsync(HttpClient http, CorpusUpload upload, CancellationToken cancellationToken)
        {
            string path = $"v2/{upload.Repository}/blobs/";
            using (var head = new HttpRequestMessage(HttpMethod.Head, path + upload.Content.Digest))
            using (HttpResponseMessage exists = await http.SendAsync(head, cancellationToken).ConfigureAwait(false))
            {
                if (exists.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }

            using HttpResponseMessage start = await http.PostAsync(path + "uploads/", null, cancellationToken).ConfigureAwait(false);
            await ExpectAsync(start, HttpStatusCode.Accepted, "start upload of " + upload.Content.Digest, cancellationToken).ConfigureAwait(false);
            Uri location = start.Headers.Location ?? throw new InvalidOperationException("upload start without Location");
            if (!location.IsAbsoluteUri)
            {
                location = new Uri(http.BaseAddress!, location);
            }

            var put = new UriBuilder(location);
            put.Query = (string.IsNullOrEmpty(put.Query) ? string.Empty : put.Query.TrimStart('?') + "&") + "digest=" + Uri.EscapeDataString(upload.Content.Digest);
            using var content = new ByteArrayContent(upload.Content.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using HttpResponseMessage done = await http.PutAsync(put.Uri, content, cancellationToken).ConfigureAwait(false);
            await ExpectAsync(done, HttpStatusCode.Created, "finish upload of " + upload.Content.Digest + " to " + upload.Repository, cancellationToken).ConfigureAwait(false);
        }

        private static async Task PutManifestAsync(HttpClient http, CorpusUpload upload, CancellationToken cancellationToken)
        {
            string reference = upload.Tag ?? upload.Content.Digest;
            using var content = new ByteArrayContent(upload.Content.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(upload.Content.MediaType);
            using HttpResponseMessage r = await http.PutAsync($"v2/{upload.Repository}/manifests/{reference}", content, cancellationToken).ConfigureAwait(false);
            await ExpectAsync(r, HttpStatusCode.Created, $"PUT manifest {upload.Repository}:{reference}", cancellationToken).ConfigureAwait(false);
            string? digest = r.Headers.TryGetValues("Docker-Content-Digest", out var values) ? string.Join(",", values) : null;
            if (digest != null && digest != upload.Content.Digest)
            {
                throw new InvalidOperationException($"registry stored {upload.Repository}:{reference} as {digest}, expected {upload.Content.Digest}");
            }
        }

        private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
        {
            if (response.StatusCode != expected)
            {
                string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException($"{what}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
            }
        }
    }
}
