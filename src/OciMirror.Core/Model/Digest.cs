using System;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Newtonsoft.Json;

namespace OciMirror.Core.Model
{
    /// <summary>
    /// A content digest <c>algorithm:encoded</c> as defined by the OCI image spec
    /// (image-spec v1.1.0, descriptor.md#digests). Immutable; equality is ordinal on the string form.
    /// Only <c>sha256</c> and <c>sha512</c> can be verified; other well-formed algorithms parse but
    /// <see cref="CreateHasher"/> throws <see cref="NotSupportedException"/> for them.
    /// </summary>
    [JsonConverter(typeof(DigestJsonConverter))]
    public readonly struct Digest : IEquatable<Digest>
    {
        // descriptor.md: algorithm-component ::= [a-z0-9]+, separators [+._-]; encoded ::= [a-zA-Z0-9=_-]+
        private static readonly Regex Grammar = new Regex(
            "^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        // Only the canonical string is stored (a bundle of 100 000 blobs keeps 100 000 digests in memory); the
        // two parts are cut from it when asked for, the registered algorithm names without allocating.
        private readonly string? _value;

        private Digest(string value)
        {
            _value = value;
        }

        /// <summary>The algorithm part, for example <c>sha256</c>.</summary>
        public string Algorithm => _value == null ? null!
            : _value.StartsWith("sha256:", StringComparison.Ordinal) ? "sha256"
            : _value.StartsWith("sha512:", StringComparison.Ordinal) ? "sha512"
            : _value.Substring(0, _value.IndexOf(':'));

        /// <summary>The encoded (hex) part.</summary>
        public string Encoded => _value == null ? null! : _value.Substring(_value.IndexOf(':') + 1);

        /// <summary>True for <c>default(Digest)</c>, which is never a valid digest.</summary>
        public bool IsEmpty => _value == null;

        /// <summary>Parses and validates a digest; throws <see cref="FormatException"/> naming the input.</summary>
        public static Digest Parse(string value)
        {
            if (!TryParse(value, out Digest digest, out string? error))
            {
                throw new FormatException($"Invalid digest '{value}': {error}");
            }

            return digest;
        }

        /// <summary>Parses a digest without throwing.</summary>
        public static bool TryParse(string? value, out Digest digest) => TryParse(value, out digest, out _);

        /// <summary>Parses a digest; on failure <paramref name="error"/> says what is wrong.</summary>
        public static bool TryParse(string? value, out Digest digest, out string? error)
        {
            digest = default;
            if (string.IsNullOrEmpty(value))
            {
                error = "it is empty";
                return false;
            }

            if (!Grammar.IsMatch(value))
            {
                error = "expected algorithm:hex, for example sha256:<64 lowercase hex characters>";
                return false;
            }

            int colon = value!.IndexOf(':');
            string algorithm = value.Substring(0, colon);
            string encoded = value.Substring(colon + 1);
            int expectedLength = algorithm switch { "sha256" => 64, "sha512" => 128, _ => 0 };
            if (expectedLength != 0)
            {
                if (encoded.Length != expectedLength)
                {
                    error = $"a {algorithm} digest has {expectedLength} hex characters, this one has {encoded.Length}";
                    return false;
                }

                foreach (char c in encoded)
                {
                    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                    {
                        error = $"a {algorithm} digest must be lowercase hex";
                        return false;
                    }
                }
            }

            digest = new Digest(value);
            error = null;
            return true;
        }

        /// <summary>The sha256 digest of <paramref name="content"/>.</summary>
        public static Digest Compute(byte[] content)
        {
            using var sha = SHA256.Create();
            return FromHash("sha256", sha.ComputeHash(content));
        }

        /// <summary>Builds a digest from an algorithm name and the raw hash bytes.</summary>
        public static Digest FromHash(string algorithm, byte[] hash)
        {
            var hex = new char[hash.Length * 2];
            const string alphabet = "0123456789abcdef";
            for (int i = 0; i < hash.Length; i++)
            {
                hex[2 * i] = alphabet[hash[i] >> 4];
                hex[(2 * i) + 1] = alphabet[hash[i] & 0xF];
            }

            return Parse(algorithm + ":" + new string(hex));
        }

        /// <summary>An incremental hasher for this digest's algorithm; the caller disposes it.</summary>
        /// <exception cref="NotSupportedException">The algorithm is neither sha256 nor sha512.</exception>
        public IncrementalHash CreateHasher() => Algorithm switch
        {
            "sha256" => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
            "sha512" => IncrementalHash.CreateHash(HashAlgorithmName.SHA512),
            _ => throw new NotSupportedException($"Digest algorithm '{Algorithm}' of {this} cannot be verified."),
        };

        public bool Equals(Digest other) => string.Equals(_value, other._value, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is Digest other && Equals(other);

        public override int GetHashCode() => _value == null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

        /// <summary>The canonical <c>algorithm:encoded</c> form.</summary>
        public override string ToString() => _value ?? string.Empty;

        public static bool operator ==(Digest left, Digest right) => left.Equals(right);

        public static bool operator !=(Digest left, Digest right) => !left.Equals(right);
    }
}
