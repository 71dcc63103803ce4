using System.Globalization;

namespace OciMirror.Core.Selection
{
    /// <summary>
    /// Reads the pieces of a version from a position in a string: <c>v?N(.N)?(.N)?</c>, where a constraint
    /// may write a part as <c>x</c>, <c>X</c> or <c>*</c>, then <c>-prerelease</c> and <c>+metadata</c>
    /// (identifiers of letters, digits and '-', separated by single dots). A mutable cursor; not shared.
    /// </summary>
    internal sealed class VersionScanner
    {
        private readonly string _text;

        public VersionScanner(string text, int position = 0)
        {
            _text = text;
            Position = position;
        }

        /// <summary>The index of the next unread character.</summary>
        public int Position { get; private set; }

        public bool AtEnd => Position >= _text.Length;

        /// <summary>
        /// Reads up to three numeric parts. <paramref name="parts"/> holds a value per part, null where the
        /// part is missing or a wildcard; <paramref name="firstOpen"/> is the index of the first such part (3
        /// when all three are numbers). False when no part could be read or a number overflows 64 bits.
        /// </summary>
        public bool TryReadNumbers(bool allowWildcards, out ulong?[] parts, out int firstOpen)
        {
            parts = new ulong?[3];
            firstOpen = 3;
            if (!AtEnd && _text[Position] == 'v')
            {
                Position++;
            }

            for (int i = 0; i < 3; i++)
            {
                if (i > 0)
                {
                    if (AtEnd || _text[Position] != '.' || Position + 1 >= _text.Length || !IsPartStart(_text[Position + 1], allowWildcards))
                    {
                        firstOpen = System.Math.Min(firstOpen, i);
                        return true;
                    }

                    Position++;
                }

                if (AtEnd || !IsPartStart(_text[Position], allowWildcards))
                {
                    return false;
                }

                if (IsWildcard(_text[Position]))
                {
                    Position++;
                    firstOpen = System.Math.Min(firstOpen, i);
                    continue;
                }

                int start = Position;
                while (!AtEnd && _text[Position] >= '0' && _text[Position] <= '9')
                {
                    Position++;
                }

                if (!ulong.TryParse(_text.Substring(start, Position - start), NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
                {
                    return false;
                }

                parts[i] = value;
            }

            return true;
        }

        /// <summary>Reads an optional <c>-prerelease</c> and an optional <c>+metadata</c>; false when one is malformed.</summary>
        public bool TryReadSuffixes(out string prerelease, out string metadata)
        {
            prerelease = string.Empty;
            metadata = string.Empty;
            if (!AtEnd && _text[Position] == '-')
            {
                Position++;
                if (!TryReadIdentifiers(out prerelease))
                {
                    return false;
                }
            }

            if (!AtEnd && _text[Position] == '+')
            {
                Position++;
                if (!TryReadIdentifiers(out metadata))
                {
                    return false;
                }
            }

            return true;
        }

        public static bool IsWildcard(char c) => c == 'x' || c == 'X' || c == '*';

        private static bool IsPartStart(char c, bool allowWildcards) => (c >= '0' && c <= '9') || (allowWildcards && IsWildcard(c));

        private static bool IsIdentifierChar(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';

        private bool TryReadIdentifiers(out string identifiers)
        {
            int start = Position;
            identifiers = string.Empty;
            while (true)
            {
                int part = Position;
                while (!AtEnd && IsIdentifierChar(_text[Position]))
                {
                    Position++;
                }

                if (Position == part)
                {
                    return false;
                }

                if (AtEnd || _text[Position] != '.')
                {
                    break;
                }

                Position++;
            }

            identifiers = _text.Substring(start, Position - start);
            return true;
        }
    }
}
