namespace FlowSense.Actors.Configuration;

/// <summary>The JSON number grammar, shared by the tokenizer and the units format (<c>5s</c>, <c>4 KiB</c>).</summary>
internal static class JsonNumber
{
    /// <summary>
    /// Length of the longest JSON number (<c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>) starting at
    /// <paramref name="start"/>, or 0 if none starts there. <c>10.0bar</c> yields 4; <c>1.2.3</c> yields 3.
    /// </summary>
    public static int PrefixLength(string text, int start)
    {
        var i = start;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length || !char.IsAsciiDigit(text[i]))
        {
            return 0;
        }

        if (text[i] == '0')
        {
            i++;
        }
        else
        {
            i = SkipDigits(text, i);
        }

        var end = i;
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            end = i = SkipDigits(text, i + 1);
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                end = SkipDigits(text, j);
            }
        }

        return end - start;
    }

    private static int SkipDigits(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }
}
