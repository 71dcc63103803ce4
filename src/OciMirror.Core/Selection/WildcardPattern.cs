using System.Collections.Generic;

namespace OciMirror.Core.Selection
{
    /// <summary>
    /// A PowerShell-style wildcard, case-sensitive (tags are): <c>*</c> any run, <c>?</c> one character,
    /// <c>[abc]</c> / <c>[a-z]</c> one character of a set, a backtick escapes the next character. An
    /// unterminated <c>[</c> is a literal. Matches the whole text. Immutable and thread-safe.
    /// </summary>
    internal sealed class WildcardPattern
    {
        private readonly List<Token> _tokens = new List<Token>();

        public WildcardPattern(string pattern)
        {
            Pattern = pattern ?? string.Empty;
            for (int i = 0; i < Pattern.Length; i++)
            {
                char c = Pattern[i];
                if (c == '`' && i + 1 < Pattern.Length)
                {
                    _tokens.Add(Token.Literal(Pattern[++i]));
                }
                else if (c == '*')
                {
                    _tokens.Add(new Token(TokenKind.Star, null));
                }
                else if (c == '?')
                {
                    _tokens.Add(new Token(TokenKind.Any, null));
                }
                else if (c == '[' && Pattern.IndexOf(']', i + 1) > i + 1)
                {
                    int end = Pattern.IndexOf(']', i + 1);
                    _tokens.Add(new Token(TokenKind.Set, Pattern.Substring(i + 1, end - i - 1)));
                    i = end;
                }
                else
                {
                    _tokens.Add(Token.Literal(c));
                }
            }
        }

        public string Pattern { get; }

        /// <summary>True when <paramref name="text"/> matches the whole pattern.</summary>
        public bool IsMatch(string text)
        {
            // Greedy match with one backtrack point per star: linear in practice, no recursion.
            int t = 0, p = 0, starP = -1, starT = 0;
            while (t < text.Length)
            {
                if (p < _tokens.Count && _tokens[p].Kind != TokenKind.Star && _tokens[p].Accepts(text[t]))
                {
                    t++;
                    p++;
                }
                else if (p < _tokens.Count && _tokens[p].Kind == TokenKind.Star)
                {
                    starP = p++;
                    starT = t;
                }
                else if (starP >= 0)
                {
                    p = starP + 1;
                    t = ++starT;
                }
                else
                {
                    return false;
                }
            }

            while (p < _tokens.Count && _tokens[p].Kind == TokenKind.Star)
            {
                p++;
            }

            return p == _tokens.Count;
        }

        private enum TokenKind
        {
            Literal,
            Any,
            Star,
            Set,
        }

        private readonly struct Token
        {
            public Token(TokenKind kind, string? set, char literal = '\0')
            {
                Kind = kind;
                SetText = set;
                Char = literal;
            }

            public TokenKind Kind { get; }

            public string? SetText { get; }

            public char Char { get; }

            public static Token Literal(char c) => new Token(TokenKind.Literal, null, c);

            public bool Accepts(char c)
            {
                switch (Kind)
                {
                    case TokenKind.Literal: return c == Char;
                    case TokenKind.Any: return true;
                    case TokenKind.Set:
                        string s = SetText!;
                        int i = 0;
                        while (i < s.Length)
                        {
                            if (i + 2 < s.Length && s[i + 1] == '-')
                            {
                                if (c >= s[i] && c <= s[i + 2])
                                {
                                    return true;
                                }

                                i += 3;
                            }
                            else
                            {
                                if (c == s[i])
                                {
                                    return true;
                                }

                                i++;
                            }
                        }

                        return false;
                    default: return false;
                }
            }
        }
    }
}
