using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OciMirror.Integration.Tests.Infrastructure.Fake
{
    public sealed partial class FakeRegistry
    {
        private const long MaxBlobBytes = 256L * 1024 * 1024;
        private readonly Dictionary<string, (string Repository, MemoryStream Data)> _uploads = new Dictionary<string, (string, MemoryStream)>(StringComparer.Ordinal);

        private async Task BlobAsync(HttpContext context, string name, string digest, string method)
        {
            byte[]? bytes;
            lock (_gate)
            {
                FakeRepository? repository = Repository(name, create: false);
                bytes = repository != null && repository.Blobs.Contains(digest) ? _blobs.GetValueOrDefault(digest) : null;
                if (bytes != null && method == "DELETE")
                {
                    repository!.Blobs.Remove(digest);
                }
            }

            if (bytes == null)
            {
                await FakeHttp.ErrorAsync(context, 404, "BLOB_UNKNOWN", $"blob {digest} unknown to {name}").ConfigureAwait(false);
                return;
            }

            if (method == "DELETE")
            {
                context.Response.StatusCode = 202;
                return;
            }

            if (method != "GET" && method != "HEAD")
            {
                await FakeHttp.ErrorAsync(context, 405, "UNSUPPORTED", method + " is not allowed on blobs").ConfigureAwait(false);
                return;
            }

            long from = 0;
            long to = bytes.Length - 1;
            string range = context.Request.Headers.Range.ToString();
            bool partial = range.StartsWith("bytes=", StringComparison.Ordinal);
            if (partial)
            {
                string[] parts = range.Substring(6).Split('-');
                if (!long.TryParse(parts[0], out from) || from >= bytes.Length || (parts.Length > 1 && parts[1].Length > 0 && (!long.TryParse(parts[1], out to) || to < from)))
                {
                    context.Response.Headers.ContentRange = $"bytes */{bytes.Length}";
                    await FakeHttp.ErrorAsync(context, 416, "BLOB_UNKNOWN", $"range {range} is outside the {bytes.Length}-byte blob").ConfigureAwait(false);
                    return;
                }

                to = Math.Min(to, bytes.Length - 1);
                context.Response.Headers.ContentRange = $"bytes {from}-{to}/{bytes.Length}";
            }

            context.Response.StatusCode = partial ? 206 : 200;
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = to - from + 1;
            context.Response.Headers.AcceptRanges = "bytes";
            context.Response.Headers["Docker-Content-Digest"] = digest;
            if (method == "GET")
            {
                await context.Response.Body.WriteAsync(bytes.AsMemory((int)from, (int)(to - from + 1)), context.RequestAborted).ConfigureAwait(false);
            }
        }

        private async Task UploadAsync(HttpContext context, string name, string session, string method)
        {
            if (session.Length == 0 && method == "POST")
            {
                await StartUploadAsync(context, name).ConfigureAwait(false);
                return;
            }

            (string Repository, MemoryStream Data) upload;
            lock (_gate)
            {
                if (!_uploads.TryGetValue(session, out upload) || upload.Repository != name)
                {
                    upload = (string.Empty, null!);
                }
            }

            if (upload.Data == null)
            {
                await FakeHttp.ErrorAsync(context, 404, "BLOB_UPLOAD_UNKNOWN", $"upload {session} unknown to {name}").ConfigureAwait(false);
                return;
            }

            switch (method)
            {
                case "PATCH":
                    await PatchAsync(context, name, session, upload.Data).ConfigureAwait(false);
                    break;
                case "PUT":
                    await FinishUploadAsync(context, name, session, upload.Data).ConfigureAwait(false);
                    break;
                case "GET":
                    UploadStatus(context, name, session, upload.Data, 204);
                    break;
                case "DELETE":
                    lock (_gate)
                    {
                        _uploads.Remove(session);
                    }

                    context.Response.StatusCode = 204;
                    break;
                default:
                    await FakeHttp.ErrorAsync(context, 405, "UNSUPPORTED", method + " is not allowed on uploads").ConfigureAwait(false);
                    break;
            }
        }

        private async Task StartUploadAsync(HttpContext context, string name)
        {
            string? mount = context.Request.Query["mount"];
            string? from = context.Request.Query["from"];
            if (FakeHttp.IsDigest(mount) && from != null)
            {
                lock (_gate)
                {
                    FakeRepository? source = Repository(from, create: false);
                    if (source != null && source.Blobs.Contains(mount!))
                    {
                        Repository(name, create: true)!.Blobs.Add(mount!);
                        Created(context, name, mount!);
                        return;
                    }
                }
            }

            byte[]? body = await FakeHttp.ReadBodyAsync(context, MaxBlobBytes).ConfigureAwait(false);
            string? digest = context.Request.Query["digest"];
            if (digest != null)
            {
                // Single-POST monolithic upload (spec "Single POST").
                await StoreAsync(context, name, digest, body ?? Array.Empty<byte>()).ConfigureAwait(false);
                return;
            }

            string session = Guid.NewGuid().ToString("N");
            var data = new MemoryStream();
            data.Write(body ?? Array.Empty<byte>());
            lock (_gate)
            {
                _uploads[session] = (name, data);
            }

            UploadStatus(context, name, session, data, 202);
        }

        private async Task PatchAsync(HttpContext context, string name, string session, MemoryStream data)
        {
            byte[] chunk = await FakeHttp.ReadBodyAsync(context, MaxBlobBytes).ConfigureAwait(false) ?? Array.Empty<byte>();
            string contentRange = context.Request.Headers.ContentRange.ToString();
            lock (_gate)
            {
                if (contentRange.Length > 0)
                {
                    // Spec "Pushing a blob in chunks": inclusive start-end, in order.
                    string[] parts = contentRange.Replace("bytes ", string.Empty, StringComparison.Ordinal).Split('-');
                    if (parts.Length != 2 || !long.TryParse(parts[0], out long start) || !long.TryParse(parts[1], out long end) || start != data.Length || end - start + 1 != chunk.Length)
                    {
                        context.Response.StatusCode = 416;
                        context.Response.Headers.Range = $"0-{Math.Max(0, data.Length - 1)}";
                        return;
                    }
                }

                data.Write(chunk);
            }

            UploadStatus(context, name, session, data, 202);
        }

        private async Task FinishUploadAsync(HttpContext context, string name, string session, MemoryStream data)
        {
            byte[] last = await FakeHttp.ReadBodyAsync(context, MaxBlobBytes).ConfigureAwait(false) ?? Array.Empty<byte>();
            byte[] whole;
            lock (_gate)
            {
                data.Write(last);
                whole = data.ToArray();
                _uploads.Remove(session);
            }

            await StoreAsync(context, name, context.Request.Query["digest"], whole).ConfigureAwait(false);
        }

        /// <summary>Verifies the uploaded bytes against the digest the client named, then stores and links them.</summary>
        private async Task StoreAsync(HttpContext context, string name, string? digest, byte[] bytes)
        {
            string actual = FakeHttp.Sha256(bytes);
            if (!FakeHttp.IsDigest(digest) || digest != actual)
            {
                await FakeHttp.ErrorAsync(context, 400, "DIGEST_INVALID", $"the upload hashes to {actual}, the client named '{digest}'").ConfigureAwait(false);
                return;
            }

            lock (_gate)
            {
                _blobs[actual] = bytes;
                Repository(name, create: true)!.Blobs.Add(actual);
            }

            Created(context, name, actual);
        }

        private static void Created(HttpContext context, string name, string digest)
        {
            context.Response.StatusCode = 201;
            context.Response.Headers.Location = $"/v2/{name}/blobs/{digest}";
            context.Response.Headers["Docker-Content-Digest"] = digest;
        }

        private static void UploadStatus(HttpContext context, string name, string session, MemoryStream data, int status)
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = $"/v2/{name}/blobs/uploads/{session}";
            context.Response.Headers.Range = $"0-{Math.Max(0, data.Length - 1)}";
            context.Response.Headers["Docker-Upload-UUID"] = session;
        }
    }
}
