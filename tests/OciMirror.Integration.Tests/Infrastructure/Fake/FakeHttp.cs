using System;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OciMirror.Integration.Tests.Infrastructure.Fake
{
    /// <summary>Response helpers of the <see cref="FakeRegistry"/>: spec error bodies, digests, bounded bodies.</summary>
    internal static class FakeHttp
    {
        public const long MaxManifestBytes = 4 * 1024 * 1024;

        /// <summary>An error response with the distribution-spec body <c>{"errors":[{"code":…,"message":…}]}</c>.</summary>
        public static Task ErrorAsync(HttpContext context, int status, string code, string message)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            var body = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }) };
            return context.Response.WriteAsync(body.ToJsonString());
        }

        public static string Sha256(byte[] bytes) => "sha256:" + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

        /// <summary>True for <c>sha256:&lt;64 lowercase hex&gt;</c>.</summary>
        public static bool IsDigest(string? text) =>
            text != null && text.Length == 71 && text.StartsWith("sha256:", StringComparison.Ordinal)
            && text.Substring(7).All(c => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));

        /// <summary>The request body, refusing more than <paramref name="limit"/> bytes (null then).</summary>
        public static async Task<byte[]?> ReadBodyAsync(HttpContext context, long limit)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > limit)
                {
                    return null;
                }
            }

            return buffer.ToArray();
        }

        private static bool All(this string text, Func<char, bool> predicate)
        {
            foreach (char c in text)
            {
                if (!predicate(c))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
