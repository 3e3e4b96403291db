using System.Text;

namespace FlowSense.Actors.Configuration;

/// <summary>
/// Builds the unresolved tree of one document from its tokens. Includes are read here (through
/// <see cref="HoconIncluder"/>) so that their fields take the place of the include statement.
/// </summary>
internal sealed class HoconParser
{
    /// <summary>Braces, brackets and path keys nested deeper than this are refused (a hostile file must not overflow the stack).</summary>
    internal const int MaxNesting = 128;

    private readonly HoconTokenizer _tokenizer;
    private readonly HoconIncluder _includer;
    private readonly string? _baseDirectory;
    private Token? _peeked;
    private int _nesting;

    private HoconParser(HoconTokenizer tokenizer, HoconIncluder includer, string? baseDirectory)
    {
        _tokenizer = tokenizer;
        _includer = includer;
        _baseDirectory = baseDirectory;
    }

    /// <summary>Parses one document; its root must be an object (braces optional).</summary>
    public static ObjectNode ParseDocument(string text, string origin, string? baseDirectory, HoconIncluder includer)
    {
        var parser = new HoconParser(new HoconTokenizer(text, origin), includer, baseDirectory);
        return parser.ParseRoot();
    }

    // Tokens are read one at a time (one token of look-ahead is all HOCON needs), so problems are reported
    // in the order they appear in the file.
    private Token Peek => _peeked ??= _tokenizer.Next();

    private Token Take()
    {
        var token = Peek;
        _peeked = null;
        return token;
    }

    private ObjectNode ParseRoot()
    {
        SkipBlank();
        var first = Peek;
        if (first.Kind == TokenKind.OpenBracket)
        {
            throw new HoconParseException(first.Position, "the root of a configuration must be an object, not an array");
        }

        var root = new ObjectNode(first.Position);
        if (first.Kind != TokenKind.OpenBrace)
        {
            ParseFields(root, opener: null, HoconPath.Root);
            return root;
        }

        Take();
        ParseFields(root, first, HoconPath.Root);
        SkipBlank();
        if (Peek.Kind != TokenKind.End)
        {
            throw new HoconParseException(Peek.Position,
                $"unexpected {Peek.Describe()} after the root object closed at its '}}'");
        }

        return root;
    }

    /// <summary>Fields up to the closing brace (or the end of input for a root without braces).</summary>
    /// <param name="path">The object's path from the document root; null inside arrays, where it has none.</param>
    private void ParseFields(ObjectNode target, Token? opener, HoconPath? path)
    {
        while (true)
        {
            SkipBlank();
            var token = Peek;
            switch (token.Kind)
            {
                case TokenKind.CloseBrace when opener is not null:
                    Take();
                    return;
                case TokenKind.CloseBrace:
                    throw new HoconParseException(token.Position, "unbalanced '}': there is no '{' for it to close");
                case TokenKind.End or TokenKind.CloseBracket when opener is not null:
                    throw new HoconParseException(token.Position,
                        $"expected '}}' to close the object opened at {opener.Position.LineAndColumn}, found {token.Describe()}");
                case TokenKind.End:
                    return;
                case TokenKind.Comma:
                    throw new HoconParseException(token.Position, "unexpected ',': expected a field (no leading or doubled commas)");
                case TokenKind.UnquotedText when token.Text == "include":
                    ParseInclude(target, path);
                    break;
                default:
                    ParseField(target, path);
                    break;
            }

            ExpectSeparator(TokenKind.CloseBrace,
                opener is null ? "',' or a newline after the field" : "',', a newline or '}' after the field");
        }
    }

    private void ParseField(ObjectNode target, HoconPath? path)
    {
        var keyStart = Peek;
        var pieces = new List<Token>();
        while (Peek.CanBeInPath)
        {
            pieces.Add(Take());
        }

        if (pieces.TrueForAll(piece => piece.Kind == TokenKind.Whitespace))
        {
            var problem = Peek.Kind == TokenKind.Substitution
                ? "substitutions are not allowed in keys"
                : $"expected a key, found {Peek.Describe()}";
            throw new HoconParseException(Peek.Position, problem);
        }

        var key = HoconPath.FromTokens(pieces, keyStart.Position);
        if (_nesting + key.Elements.Count > MaxNesting)
        {
            throw new HoconParseException(keyStart.Position, $"the configuration nests deeper than {MaxNesting} levels");
        }

        var fieldPath = path?.Append(key);
        SkipBlank();
        var separator = Peek;
        SyntaxNode value;
        switch (separator.Kind)
        {
            case TokenKind.Colon or TokenKind.Equals:
                Take();
                SkipBlank();
                value = ParseValue(fieldPath);
                break;
            case TokenKind.PlusEquals:
                Take();
                SkipBlank();
                value = new AppendNode(separator.Position, ParseValue(path: null));
                break;
            case TokenKind.OpenBrace:
                value = ParseValue(fieldPath);
                break;
            case TokenKind.Substitution:
                throw new HoconParseException(separator.Position, "substitutions are not allowed in keys");
            default:
                throw new HoconParseException(separator.Position,
                    $"expected ':', '=', '+=' or '{{' after the key {key}, found {separator.Describe()}");
        }

        target.Assign(key, value, keyStart.Position);
    }

    /// <summary>
    /// A value up to the end of its line, ',' or a closing bracket. Several values on the line form a
    /// concatenation; whitespace around them is dropped, whitespace between them is kept.
    /// </summary>
    private SyntaxNode ParseValue(HoconPath? path)
    {
        var parts = new List<SyntaxNode>();
        while (true)
        {
            var token = Peek;
            switch (token.Kind)
            {
                case TokenKind.QuotedString or TokenKind.UnquotedText:
                    parts.Add(new LiteralNode(HoconScalar.String(Take().Text, token.Position)));
                    break;
                case TokenKind.Number:
                    parts.Add(new LiteralNode(HoconScalar.Number(Take().Text, token.Position)));
                    break;
                case TokenKind.Boolean:
                    parts.Add(new LiteralNode(HoconScalar.Boolean(Take().Text == "true", token.Position)));
                    break;
                case TokenKind.Null:
                    Take();
                    parts.Add(new LiteralNode(HoconScalar.Null(token.Position)));
                    break;
                case TokenKind.Substitution:
                    Take();
                    parts.Add(new SubstitutionNode(token.Position, token.SubstitutionPath!, token.IsOptional));
                    break;
                case TokenKind.Whitespace:
                    Take();
                    parts.Add(new WhitespaceNode(token.Position, token.Text));
                    break;
                case TokenKind.OpenBrace:
                    parts.Add(ParseObject(path));
                    break;
                case TokenKind.OpenBracket:
                    parts.Add(ParseArray());
                    break;
                case TokenKind.Colon or TokenKind.Equals or TokenKind.PlusEquals:
                    throw new HoconParseException(token.Position,
                        $"unexpected '{token.Text}' in a value; quote the text if it is part of a string");
                default:
                    return Finish(parts, token);
            }
        }
    }

    private static SyntaxNode Finish(List<SyntaxNode> parts, Token stop)
    {
        var first = parts.FindIndex(part => part is not WhitespaceNode);
        if (first < 0)
        {
            throw new HoconParseException(stop.Position, $"expected a value, found {stop.Describe()}");
        }

        var last = parts.FindLastIndex(part => part is not WhitespaceNode);
        return first == last ? parts[first] : new ConcatenationNode(parts[first].Position, parts.GetRange(first, last - first + 1));
    }

    private ObjectNode ParseObject(HoconPath? path)
    {
        var opener = Take();
        Enter(opener);
        var result = new ObjectNode(opener.Position);
        ParseFields(result, opener, path);
        _nesting--;
        return result;
    }

    private ArrayNode ParseArray()
    {
        var opener = Take();
        Enter(opener);
        var elements = new List<SyntaxNode>();
        while (true)
        {
            SkipBlank();
            var token = Peek;
            switch (token.Kind)
            {
                case TokenKind.CloseBracket:
                    Take();
                    _nesting--;
                    return new ArrayNode(opener.Position, elements);
                case TokenKind.End or TokenKind.CloseBrace:
                    throw new HoconParseException(token.Position,
                        $"expected ']' to close the array opened at {opener.Position.LineAndColumn}, found {token.Describe()}");
                case TokenKind.Comma:
                    throw new HoconParseException(token.Position,
                        "unexpected ',': expected an array element (no leading or doubled commas)");
            }

            elements.Add(ParseValue(path: null));
            ExpectSeparator(TokenKind.CloseBracket, "',', a newline or ']' after the array element");
        }
    }

    private void Enter(Token opener)
    {
        if (++_nesting > MaxNesting)
        {
            throw new HoconParseException(opener.Position, $"the configuration nests deeper than {MaxNesting} levels");
        }
    }

    /// <summary>After a field or element: a comma, a newline, or the closing bracket. One comma may follow newlines, as JSON allows.</summary>
    private void ExpectSeparator(TokenKind closer, string expected)
    {
        var sawNewline = false;
        while (Peek.Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            sawNewline |= Take().Kind == TokenKind.Newline;
        }

        if (Peek.Kind == TokenKind.Comma)
        {
            Take();
            return;
        }

        if (!sawNewline && Peek.Kind != closer && Peek.Kind != TokenKind.End)
        {
            throw new HoconParseException(Peek.Position, $"expected {expected}, found {Peek.Describe()}");
        }
    }

    private void SkipBlank()
    {
        while (Peek.Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            Take();
        }
    }

    /// <summary>Skips whitespace and newlines, gathering the unquoted text among them (such as <c>required(</c>).</summary>
    /// <returns>The first unquoted token, to point at when the gathered text is wrong.</returns>
    private Token? CollectUnquoted(StringBuilder collected)
    {
        Token? first = null;
        while (Peek.Kind is TokenKind.Whitespace or TokenKind.Newline or TokenKind.UnquotedText)
        {
            var token = Take();
            if (token.Kind == TokenKind.UnquotedText)
            {
                first ??= token;
                collected.Append(token.Text);
            }
        }

        return first;
    }

    /// <summary>
    /// <c>include "name"</c>, <c>include file("name")</c>, <c>include required("name")</c> or
    /// <c>include required(file("name"))</c>. The unquoted parts around the quoted name are gathered without
    /// their whitespace and checked as a whole, since '(' and ')' are ordinary unquoted characters.
    /// </summary>
    private void ParseInclude(ObjectNode target, HoconPath? path)
    {
        var include = Take();
        var opening = new StringBuilder();
        var firstUnquoted = CollectUnquoted(opening);
        var name = Peek;
        if (name.Kind != TokenKind.QuotedString)
        {
            var found = firstUnquoted ?? name;
            throw new HoconParseException(found.Position,
                $"expected a quoted file name after 'include', found {found.Describe()}");
        }

        var required = opening.ToString() switch
        {
            "" or "file(" => false,
            "required(" or "required(file(" => true,
            var other when other.Contains("url(", StringComparison.Ordinal) || other.Contains("classpath(", StringComparison.Ordinal) =>
                throw new HoconParseException(include.Position, "only files can be included: url() and classpath() are not supported"),
            var other => throw new HoconParseException(include.Position,
                $"expected \"name\", file(\"name\") or required(\"name\") after 'include', found '{other}'"),
        };
        Take();

        var closing = new StringBuilder();
        while (Peek.Kind is TokenKind.Whitespace or TokenKind.UnquotedText)
        {
            closing.Append(Take().Text.Trim());
        }

        var expectedClosing = new string(')', opening.ToString().Count(c => c == '('));
        if (closing.ToString() != expectedClosing)
        {
            var expected = expectedClosing.Length == 0 ? "nothing" : $"'{expectedClosing}'";
            throw new HoconParseException(name.Position, $"expected {expected} after the included file name, found '{closing}'");
        }

        target.AppendAll(_includer.Include(name.Text, required, include.Position, _baseDirectory, path));
    }
}
