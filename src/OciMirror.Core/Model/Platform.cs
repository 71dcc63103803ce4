using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace OciMirror.Core.Model
{
    /// <summary>The platform of an index entry (image-spec v1.1.0, image-index.md). Immutable.</summary>
    public sealed class Platform : IEquatable<Platform>
    {
        [JsonConstructor]
        public Platform(string os, string architecture, string? variant = null, [JsonProperty("os.version")] string? osVersion = null, [JsonProperty("os.features")] IReadOnlyList<string>? osFeatures = null)
        {
            Os = os ?? string.Empty;
            Architecture = architecture ?? string.Empty;
            Variant = string.IsNullOrEmpty(variant) ? null : variant;
            OsVersion = string.IsNullOrEmpty(osVersion) ? null : osVersion;
            OsFeatures = osFeatures;
        }

        [JsonProperty("architecture")]
        public string Architecture { get; }

        [JsonProperty("os")]
        public string Os { get; }

        [JsonProperty("os.version", NullValueHandling = NullValueHandling.Ignore)]
        public string? OsVersion { get; }

        [JsonProperty("os.features", NullValueHandling = NullValueHandling.Ignore)]
        public IReadOnlyList<string>? OsFeatures { get; }

        [JsonProperty("variant", NullValueHandling = NullValueHandling.Ignore)]
        public string? Variant { get; }

        /// <summary>
        /// <c>os/arch[/variant][:os.version][+feature...]</c>, the form <c>--platform</c> accepts, so that an entry
        /// listed by <c>ls</c> can be selected by pasting its platform (the el8/el9 children of one arm64 index
        /// differ only in their os.version).
        /// </summary>
        public override string ToString()
        {
            string text = Variant == null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
            if (OsVersion != null)
            {
                text += ":" + OsVersion;
            }

            if (OsFeatures != null)
            {
                foreach (string feature in OsFeatures)
                {
                    text += "+" + feature;
                }
            }

            return text;
        }

        public bool Equals(Platform? other) => other != null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as Platform);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
    }
}
