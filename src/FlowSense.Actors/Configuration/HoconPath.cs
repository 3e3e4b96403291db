using System.Text;

namespace FlowSense.Actors.Configuration;

/// <summary>
/// A path through the configuration tree, such as <c>flowsense.actor."ask.timeout"</c>: a list of keys.
/// Written as a HOCON path expression, unquoted dots separate keys and quoted text is taken literally.
/// </summary>
public sealed class HoconPath
{
    private readonly string[] _elements;

    private HoconPath(string[] elements) => _elements = elements;

    /// <summary>The document root: no keys. Only used internally, as the prefix of top-level keys.</summary>
    internal static HoconPath Root { get; } = new([]);

    /// <summary>The keys, outermost first.</summary>
    public IReadOnlyList<string> Elements => _elements;

    /// <summary>Parses a path expression, for example <c>a.b."c.d"</c> (three keys: a, b and c.d).</summary>
    /// <exception cref="HoconParseException">The text is not a valid path expression.</exception>
    public static HoconPath Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var tokenizer = new HoconTokenizer(expression, "path");
        var pieces = new List<Token>();
        for (var token = tokenizer.Next(); token.Kind != TokenKind.End; token = tokenizer.Next())
        {
            if (!token.CanBeInPath)
            {
                throw new HoconParseException(token.Position, $"{token.Describe()} cannot appear in a path expression");
            }

            pieces.Add(token);
        }

        return FromTokens(pieces, new SourcePosition("path", 1, 1));
    }

    /// <summary>
    /// Builds a path from the simple-value tokens of a key or substitution. Unquoted text (numbers and
    /// keywords included, as originally written) splits at dots; quoted text never does; whitespace between
    /// tokens is kept, whitespace around the whole expression is not.
    /// </summary>
    internal static HoconPath FromTokens(IReadOnlyList<Token> pieces, SourcePosition whereIfEmpty)
    {
        var first = 0;
        var last = pieces.Count - 1;
        while (first <= last && pieces[first].Kind == TokenKind.Whitespace)
        {
            first++;
        }

        while (last >= first && pieces[last].Kind == TokenKind.Whitespace)
        {
            last--;
        }

        if (first > last)
        {
            throw new HoconParseException(whereIfEmpty, "expected a path expression (a key), found nothing");
        }

        var elements = new List<string>();
        var current = new StringBuilder();
        var currentHasContent = false;
        for (var i = first; i <= last; i++)
        {
            var piece = pieces[i];
            if (piece.Kind == TokenKind.QuotedString)
            {
                current.Append(piece.Text);
                currentHasContent = true;
                continue;
            }

            foreach (var c in piece.Text)
            {
                if (c != '.')
                {
                    current.Append(c);
                    currentHasContent = true;
                    continue;
                }

                if (!currentHasContent)
                {
                    throw new HoconParseException(piece.Position, EmptyElementProblem);
                }

                elements.Add(current.ToString());
                current.Clear();
                currentHasContent = false;
            }
        }

        if (!currentHasContent)
        {
            throw new HoconParseException(pieces[last].Position, EmptyElementProblem);
        }

        elements.Add(current.ToString());
        return new HoconPath([.. elements]);
    }

    private const string EmptyElementProblem =
        "a path may not start or end with '.' or contain '..'; quote an empty key as \"\"";

    /// <summary>This path with <paramref name="suffix"/>'s keys appended.</summary>
    public HoconPath Append(HoconPath suffix)
    {
        ArgumentNullException.ThrowIfNull(suffix);
        return new HoconPath([.. _elements, .. suffix._elements]);
    }

    /// <summary>Renders as a path expression that parses back to the same keys (quoting keys that need it).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < _elements.Length; i++)
        {
            if (i > 0)
            {
                text.Append('.');
            }

            var element = _elements[i];
            if (NeedsQuotes(element))
            {
                HoconValue.AppendQuoted(text, element);
            }
            else
            {
                text.Append(element);
            }
        }

        return text.ToString();
    }

    private static bool NeedsQuotes(string element)
    {
        if (element.Length == 0 || element[0] == '-' || char.IsAsciiDigit(element[0]) || element == "include"
            || element.StartsWith("true", StringComparison.Ordinal) || element.StartsWith("false", StringComparison.Ordinal)
            || element.StartsWith("null", StringComparison.Ordinal) || element.Contains("//", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var c in element)
        {
            if (c == '.' || HoconTokenizer.IsForbidden(c) || HoconTokenizer.IsWhitespace(c))
            {
                return true;
            }
        }

        return false;
    }
}
