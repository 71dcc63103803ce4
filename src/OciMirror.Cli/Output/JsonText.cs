using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using OciMirror.Core.Diagnostics;

namespace OciMirror.Cli.Output
{
    /// <summary>
    /// Serializes the CLI's <c>--json</c> objects: compact, HTML characters unescaped (they are data), and
    /// safe on a terminal. The serializer escapes C0 and C1 controls; the bidirectional controls and line
    /// separators it leaves raw are then written as <c>\uXXXX</c> too (<see cref="TerminalText"/>), which in
    /// JSON means the same string, since such characters can only occur inside string values.
    /// </summary>
    internal static class JsonText
    {
        private static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
        };

        public static string Write(JsonNode node) => TerminalText.Escape(node.ToJsonString(Options));
    }
}
