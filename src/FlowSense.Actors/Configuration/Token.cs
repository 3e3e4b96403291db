namespace FlowSense.Actors.Configuration;

/// <summary>The lexical categories of HOCON.</summary>
internal enum TokenKind
{
    End,
    Newline,
    Whitespace,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    QuotedString,
    UnquotedText,
    Number,
    Boolean,
    Null,
    Substitution,
}

/// <summary>
/// One token. <see cref="Text"/> is the string's content for quoted strings and the source text for
/// everything else (numbers keep their original spelling, which matters for concatenation and paths).
/// </summary>
internal sealed class Token(TokenKind kind, string text, SourcePosition position)
{
    public TokenKind Kind { get; } = kind;

    public string Text { get; } = text;

    public SourcePosition Position { get; } = position;

    /// <summary>For <see cref="TokenKind.Substitution"/>: the referenced path.</summary>
    public HoconPath? SubstitutionPath { get; init; }

    /// <summary>For <see cref="TokenKind.Substitution"/>: written <c>${?path}</c>.</summary>
    public bool IsOptional { get; init; }

    /// <summary>Tokens that may make up a key or a substitution's path (simple values and the whitespace between them).</summary>
    public bool CanBeInPath => Kind is TokenKind.QuotedString or TokenKind.UnquotedText or TokenKind.Number
        or TokenKind.Boolean or TokenKind.Null or TokenKind.Whitespace;

    /// <summary>A short description for error messages: <c>'}'</c>, <c>end of file</c>, <c>newline</c>...</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.Newline => "a newline",
        TokenKind.Whitespace => "whitespace",
        TokenKind.QuotedString => $"the quoted string \"{Text}\"",
        TokenKind.UnquotedText => $"'{Text}'",
        TokenKind.Number => $"the number {Text}",
        TokenKind.Substitution => $"the substitution ${{{(IsOptional ? "?" : "")}{SubstitutionPath}}}",
        _ => $"'{Text}'",
    };
}
