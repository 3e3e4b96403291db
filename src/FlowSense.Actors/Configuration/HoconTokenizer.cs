using System.Globalization;
using System.Text;

namespace FlowSense.Actors.Configuration;

/// <summary>
/// Splits HOCON text into tokens, tracking line and column. Comments are dropped (their newline is kept,
/// because newlines separate fields). Whitespace is kept as tokens: between simple values it is part of a
/// value concatenation (<c>foo bar</c> is the seven-character string "foo bar").
/// </summary>
internal sealed class HoconTokenizer
{
    private readonly string _text;
    private readonly string _origin;
    private int _index;
    private int _line = 1;
    private int _column = 1;

    public HoconTokenizer(string text, string origin)
    {
        _text = text;
        _origin = origin;
    }

    /// <summary>HOCON whitespace: Unicode space/line/paragraph separators, the BOM and the ASCII controls the spec lists.</summary>
    public static bool IsWhitespace(char c) =>
        c is '\t' or '\n' or '\v' or '\f' or '\r' or '\u001C' or '\u001D' or '\u001E' or '\u001F' or '\uFEFF'
        || char.GetUnicodeCategory(c) is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator;

    /// <summary>Characters that end unquoted text: they have a meaning in HOCON or are reserved by the spec.</summary>
    public static bool IsForbidden(char c) =>
        c is '$' or '"' or '{' or '}' or '[' or ']' or ':' or '=' or ',' or '+' or '#' or '`' or '^' or '?' or '!'
            or '@' or '*' or '&' or '\\';

    private SourcePosition Here => new(_origin, _line, _column);

    private char Current => _text[_index];

    private bool AtEnd => _index >= _text.Length;

    private char PeekAt(int offset) => _index + offset < _text.Length ? _text[_index + offset] : '\0';

    private void Advance()
    {
        if (_text[_index] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _index++;
    }

    private void Advance(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Advance();
        }
    }

    /// <summary>The next token; after the last one, <see cref="TokenKind.End"/> again and again.</summary>
    /// <exception cref="HoconParseException">A character or escape that HOCON forbids, or an unterminated string.</exception>
    public Token Next()
    {
        SkipComment();
        var start = Here;
        if (AtEnd)
        {
            return new Token(TokenKind.End, "", start);
        }

        var c = Current;
        if (c == '\n')
        {
            Advance();
            return new Token(TokenKind.Newline, "\n", start);
        }

        if (IsWhitespace(c))
        {
            var from = _index;
            while (!AtEnd && Current != '\n' && IsWhitespace(Current))
            {
                Advance();
            }

            return new Token(TokenKind.Whitespace, _text[from.._index], start);
        }

        switch (c)
        {
            case '{': return Single(TokenKind.OpenBrace, start);
            case '}': return Single(TokenKind.CloseBrace, start);
            case '[': return Single(TokenKind.OpenBracket, start);
            case ']': return Single(TokenKind.CloseBracket, start);
            case ',': return Single(TokenKind.Comma, start);
            case ':': return Single(TokenKind.Colon, start);
            case '=': return Single(TokenKind.Equals, start);
            case '+' when PeekAt(1) == '=':
                Advance(2);
                return new Token(TokenKind.PlusEquals, "+=", start);
            case '$' when PeekAt(1) == '{':
                return ReadSubstitution(start);
            case '"' when PeekAt(1) == '"' && PeekAt(2) == '"':
                return ReadTripleQuoted(start);
            case '"':
                return ReadQuoted(start);
        }

        if (IsForbidden(c))
        {
            throw new HoconParseException(start, ForbiddenCharacterProblem(c));
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            return ReadNumber(start);
        }

        foreach (var (keyword, kind) in Keywords)
        {
            if (string.CompareOrdinal(_text, _index, keyword, 0, keyword.Length) == 0)
            {
                Advance(keyword.Length);
                return new Token(kind, keyword, start);
            }
        }

        return ReadUnquoted(start);
    }

    private static readonly (string Keyword, TokenKind Kind)[] Keywords =
    [
        ("true", TokenKind.Boolean),
        ("false", TokenKind.Boolean),
        ("null", TokenKind.Null),
    ];

    private static string ForbiddenCharacterProblem(char c) => c switch
    {
        '$' => "'$' may only start a substitution '${...}'; quote the text if you meant a '$'",
        '+' => "'+' may only be part of the '+=' separator; quote the text if you meant a '+'",
        _ => $"'{c}' is not allowed in unquoted text; put the text in double quotes",
    };

    private Token Single(TokenKind kind, SourcePosition start)
    {
        var text = Current.ToString();
        Advance();
        return new Token(kind, text, start);
    }

    private void SkipComment()
    {
        if (AtEnd || !(Current == '#' || (Current == '/' && PeekAt(1) == '/')))
        {
            return;
        }

        while (!AtEnd && Current != '\n')
        {
            Advance();
        }
    }

    private Token ReadNumber(SourcePosition start)
    {
        var length = JsonNumber.PrefixLength(_text, _index);
        if (length == 0)
        {
            throw new HoconParseException(start,
                "'-' starts a number but no digit follows; unquoted text may not begin with '-', so quote it");
        }

        var text = _text.Substring(_index, length);
        Advance(length);
        return new Token(TokenKind.Number, text, start);
    }

    private Token ReadUnquoted(SourcePosition start)
    {
        var from = _index;
        while (!AtEnd)
        {
            var c = Current;
            if (IsForbidden(c) || IsWhitespace(c) || (c == '/' && PeekAt(1) == '/'))
            {
                break;
            }

            Advance();
        }

        return new Token(TokenKind.UnquotedText, _text[from.._index], start);
    }

    private Token ReadQuoted(SourcePosition start)
    {
        Advance();
        var text = new StringBuilder();
        while (true)
        {
            if (AtEnd || Current == '\n')
            {
                throw new HoconParseException(start, "unterminated quoted string: expected a closing '\"' on the same line");
            }

            var c = Current;
            if (c == '"')
            {
                Advance();
                return new Token(TokenKind.QuotedString, text.ToString(), start);
            }

            if (c == '\\')
            {
                ReadEscape(text);
                continue;
            }

            if (c < ' ')
            {
                throw new HoconParseException(Here,
                    $"control character U+{(int)c:X4} must be written as an escape inside a quoted string");
            }

            text.Append(c);
            Advance();
        }
    }

    private void ReadEscape(StringBuilder text)
    {
        var at = Here;
        var escaped = PeekAt(1);
        char? simple = escaped switch
        {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            _ => null,
        };
        if (simple is { } value)
        {
            text.Append(value);
            Advance(2);
            return;
        }

        if (escaped == 'u' && _index + 6 <= _text.Length
            && ushort.TryParse(_text.AsSpan(_index + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            text.Append((char)code);
            Advance(6);
            return;
        }

        var shown = escaped switch
        {
            '\0' or '\n' => "\\",
            'u' => "\\u followed by fewer than four hex digits",
            _ => "\\" + escaped,
        };
        throw new HoconParseException(at, $"invalid escape '{shown}' in a quoted string (JSON escapes only)");
    }

    private Token ReadTripleQuoted(SourcePosition start)
    {
        Advance(3);
        var from = _index;
        while (!AtEnd)
        {
            if (Current == '"' && PeekAt(1) == '"' && PeekAt(2) == '"')
            {
                // Any run of three or more quotes closes the string; the extra leading quotes belong to it.
                var run = 3;
                while (PeekAt(run) == '"')
                {
                    run++;
                }

                var text = _text.Substring(from, _index - from + run - 3);
                Advance(run);
                return new Token(TokenKind.QuotedString, text, start);
            }

            Advance();
        }

        throw new HoconParseException(start, "unterminated triple-quoted string: no closing \"\"\"");
    }

    private Token ReadSubstitution(SourcePosition start)
    {
        var from = _index;
        Advance(2);
        var optional = false;
        if (!AtEnd && Current == '?')
        {
            optional = true;
            Advance();
        }

        var pieces = new List<Token>();
        while (true)
        {
            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.CloseBrace:
                    return new Token(TokenKind.Substitution, _text[from.._index], start)
                    {
                        SubstitutionPath = HoconPath.FromTokens(pieces, token.Position),
                        IsOptional = optional,
                    };
                case TokenKind.End or TokenKind.Newline:
                    throw new HoconParseException(start, "unterminated substitution: expected '}' before the end of the line");
                case TokenKind.Substitution:
                    throw new HoconParseException(token.Position, "substitutions cannot be nested");
                default:
                    if (!token.CanBeInPath)
                    {
                        throw new HoconParseException(token.Position, $"{token.Describe()} cannot appear in a substitution's path");
                    }

                    pieces.Add(token);
                    break;
            }
        }
    }
}
