namespace OciMirror.Integration.Tests.Infrastructure
{
    /// <summary>One request that went through a <see cref="RecordingProxy"/>.</summary>
    public sealed class ProxyRequest
    {
        public ProxyRequest(string method, string path, int statusCode)
        {
            Method = method;
            Path = path;
            StatusCode = statusCode;
        }

        public string Method { get; }

        /// <summary>Path and query, for example <c>/v2/corpus/alpha/blobs/sha256:…</c>.</summary>
        public string Path { get; }

        public int StatusCode { get; }

        /// <summary>The digest when this is a blob request (<c>/v2/NAME/blobs/DIGEST</c>), else null.</summary>
        public string? BlobDigest
        {
            get
            {
                string path = Path.Split('?')[0];
                int at = path.LastIndexOf("/blobs/", System.StringComparison.Ordinal);
                if (at < 0 || path.Contains("/blobs/uploads", System.StringComparison.Ordinal))
                {
                    return null;
                }

                return path.Substring(at + "/blobs/".Length);
            }
        }

        public override string ToString() => $"{Method} {Path} -> {StatusCode}";
    }
}
