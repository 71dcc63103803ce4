namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>One request seen by a <see cref="WireProxy"/> or <see cref="BlobStore"/>, with its Authorization header.</summary>
    public sealed class WireRecord
    {
        public WireRecord(string method, string pathAndQuery, int status, string? authorization)
        {
            Method = method;
            PathAndQuery = pathAndQuery;
            Status = status;
            Authorization = authorization;
        }

        public string Method { get; }

        public string PathAndQuery { get; }

        public int Status { get; }

        /// <summary>The whole Authorization header value (scheme and credentials), or null.</summary>
        public string? Authorization { get; }

        /// <summary>The credentials part of <see cref="Authorization"/> (after the scheme), or null.</summary>
        public string? Credentials
        {
            get
            {
                if (Authorization == null)
                {
                    return null;
                }

                int space = Authorization.IndexOf(' ');
                return space < 0 ? Authorization : Authorization.Substring(space + 1).Trim();
            }
        }

        public bool IsBlobGet => Method == "GET" && PathAndQuery.Contains("/blobs/sha256:", System.StringComparison.Ordinal);

        public override string ToString() => $"{Method} {PathAndQuery} -> {Status}{(Authorization == null ? string.Empty : " (" + Authorization.Split(' ')[0] + " auth)")}";
    }
}
