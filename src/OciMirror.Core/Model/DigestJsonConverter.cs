using System;
using Newtonsoft.Json;

namespace OciMirror.Core.Model
{
    /// <summary>Reads and writes <see cref="Digest"/> as its string form, validating on read.</summary>
    internal sealed class DigestJsonConverter : JsonConverter<Digest>
    {
        public override Digest ReadJson(JsonReader reader, Type objectType, Digest existingValue, bool hasExistingValue, JsonSerializer serializer)
        {
            if (reader.TokenType != JsonToken.String)
            {
                throw new JsonSerializationException($"Expected a digest string at {reader.Path}.");
            }

            string value = (string)reader.Value!;
            if (!Digest.TryParse(value, out Digest digest, out string? error))
            {
                throw new JsonSerializationException($"Invalid digest '{value}' at {reader.Path}: {error}");
            }

            return digest;
        }

        public override void WriteJson(JsonWriter writer, Digest value, JsonSerializer serializer) => writer.WriteValue(value.ToString());
    }
}
