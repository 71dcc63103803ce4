using System.IO;
using System.Text.Json.Nodes;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>Writes docker config.json / containers auth.json files the way docker and podman login do.</summary>
    public static class AuthFiles
    {
        /// <summary>An <c>auths</c> entry with <c>auth</c> = base64(user:password).</summary>
        public static JsonObject AuthEntry(string user, string password) => new JsonObject { ["auth"] = SecretScan.BasicAuth(user, password) };

        /// <summary>Writes <c>{"auths": {key: entry…}, …extra}</c> to <paramref name="path"/> (directories created).</summary>
        public static string Write(string path, JsonObject auths, JsonObject? credHelpers = null, string? credsStore = null)
        {
            var root = new JsonObject { ["auths"] = auths };
            if (credHelpers != null)
            {
                root["credHelpers"] = credHelpers;
            }

            if (credsStore != null)
            {
                root["credsStore"] = credsStore;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            return path;
        }
    }
}
