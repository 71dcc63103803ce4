using System;
using System.Globalization;
using System.Net.Http;
using OciMirror.Core.Diagnostics;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// Formats the one-line-per-request log (Verbose): method, URL, status, size and time. Header values
    /// are never logged; query strings of foreign hosts (pre-signed object storage URLs carry
    /// signatures) are cut.
    /// </summary>
    internal static class RequestLog
    {
        /// <summary>The URL as it may appear in logs and messages.</summary>
        public static string SafeUrl(Uri uri, bool keepQuery) =>
            keepQuery || string.IsNullOrEmpty(uri.Query) ? uri.AbsoluteUri : uri.GetLeftPart(UriPartial.Path) + "?…";

        /// <summary>Writes <c>GET url → 200 (1.2 MiB, 35 ms)</c>.</summary>
        public static void Response(ILogSink log, HttpMethod method, string url, HttpResponseMessage response, long? sent, TimeSpan elapsed)
        {
            long? received = response.Content?.Headers.ContentLength;
            string size = sent.HasValue && sent.Value > 0 ? "sent " + ByteSize.Format(sent.Value)
                : received.HasValue ? ByteSize.Format(received.Value) : "size unknown";
            log.Log(LogLevel.Verbose, $"{method} {url} → {(int)response.StatusCode} ({size}, {Milliseconds(elapsed)})");
        }

        /// <summary>Writes <c>GET url → failed: reason (35 ms)</c>.</summary>
        public static void Failure(ILogSink log, HttpMethod method, string url, string reason, TimeSpan elapsed) =>
            log.Log(LogLevel.Verbose, $"{method} {url} → failed: {reason} ({Milliseconds(elapsed)})");

        private static string Milliseconds(TimeSpan elapsed) => ((long)elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";
    }
}
