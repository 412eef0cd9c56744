using System.Globalization;
using System.Text;

namespace Superposition.OnnxModel.Chat;

/// <summary>
/// Splits a Jinja template into text, {{ output }} and {% statement %} segments ({# comments #} dropped), with the
/// whitespace control Hugging Face renders chat templates with: trim_blocks and lstrip_blocks on, and the
/// explicit {%- -%} {{- -}} {#- -#} markers.
/// </summary>
internal static class JinjaLexer
{
    private static readonly string[] TwoCharOperators = ["==", "!=", "<=", ">=", "//", "**"];
    private const string OneCharOperators = "+-*/%~<>()[]{}.,|:=";

    public static List<JinjaSegment> Lex(string source)
    {
        var segments = new List<JinjaSegment>();
        var pos = 0;
        var trimNext = false;      // the previous tag ended with '-': strip all leading whitespace
        var blockBefore = false;   // the previous tag was a block or comment: trim_blocks removes one newline
        var lineStart = true;      // the text starts a line (source start, or a newline was just trimmed)
        while (true)
        {
            var open = FindOpen(source, pos);
            var text = source[pos..(open < 0 ? source.Length : open)];
            if (trimNext)
            {
                text = text.TrimStart();
            }
            else if (blockBefore && text.StartsWith('\n'))
            {
                text = text[1..];
            }
            else if (blockBefore && text.StartsWith("\r\n", StringComparison.Ordinal))
            {
                text = text[2..];
            }

            if (open < 0)
            {
                Add(segments, text, Line(source, pos));
                return segments;
            }

            var kind = source[open + 1];
            var inner = open + 2;
            var leftTrim = inner < source.Length && source[inner] == '-';
            var keepLeft = inner < source.Length && source[inner] == '+';
            if (leftTrim || keepLeft)
            {
                inner++;
            }

            if (leftTrim)
            {
                text = text.TrimEnd();
            }
            else if (kind != '{' && !keepLeft)
            {
                // lstrip_blocks: spaces and tabs between a line's start and a block tag go.
                var newline = text.LastIndexOf('\n');
                if ((newline >= 0 || lineStart) && text.AsSpan(newline + 1).Trim(" \t").IsEmpty)
                {
                    text = text[..(newline + 1)];
                }
            }

            Add(segments, text, Line(source, pos));
            var line = Line(source, open);
            int end;
            bool rightTrim;
            if (kind == '#')
            {
                var close = source.IndexOf("#}", inner, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new JinjaSyntaxException($"line {line}: the comment '{{#' is never closed with '#}}'");
                }

                rightTrim = source[close - 1] == '-' && close - 1 >= inner;
                end = close + 2;
            }
            else
            {
                var closing = kind == '{' ? "}}" : "%}";
                var tokens = Tokens(source, inner, closing, line, out end, out rightTrim);
                segments.Add(new JinjaSegment(kind == '{' ? JinjaSegmentKind.Output : JinjaSegmentKind.Statement, source[open..end], tokens, line));
            }

            pos = end;
            trimNext = rightTrim;
            blockBefore = kind != '{';
            lineStart = blockBefore && !rightTrim && (source.AsSpan(end).StartsWith("\n") || source.AsSpan(end).StartsWith("\r\n"));
        }
    }

    private static void Add(List<JinjaSegment> segments, string text, int line)
    {
        if (text.Length > 0)
        {
            segments.Add(new JinjaSegment(JinjaSegmentKind.Text, text, [], line));
        }
    }

    private static int FindOpen(string source, int from)
    {
        for (var i = source.IndexOf('{', from); i >= 0 && i + 1 < source.Length; i = source.IndexOf('{', i + 1))
        {
            if (source[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }

        return -1;
    }

    private static int Line(string source, int position) => source.AsSpan(0, Math.Min(position, source.Length)).Count('\n') + 1;

    private static List<JinjaToken> Tokens(string source, int pos, string closing, int line, out int end, out bool rightTrim)
    {
        var tokens = new List<JinjaToken>();
        while (true)
        {
            while (pos < source.Length && char.IsWhiteSpace(source[pos]))
            {
                pos++;
            }

            if (pos >= source.Length)
            {
                throw new JinjaSyntaxException($"line {line}: the tag is never closed with '{closing}'");
            }

            if (source.AsSpan(pos).StartsWith(closing))
            {
                (end, rightTrim) = (pos + 2, false);
                return tokens;
            }

            if (source[pos] == '-' && source.AsSpan(pos + 1).StartsWith(closing))
            {
                (end, rightTrim) = (pos + 3, true);
                return tokens;
            }

            var c = source[pos];
            if (c is '\'' or '"')
            {
                tokens.Add(String(source, ref pos, line));
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = pos;
                while (pos < source.Length && (char.IsAsciiDigit(source[pos]) || source[pos] == '_'))
                {
                    pos++;
                }

                if (pos + 1 < source.Length && source[pos] == '.' && char.IsAsciiDigit(source[pos + 1]))
                {
                    pos++;
                    while (pos < source.Length && char.IsAsciiDigit(source[pos]))
                    {
                        pos++;
                    }

                    var f = source[start..pos];
                    tokens.Add(new JinjaToken(JinjaTokenKind.Float, f, double.Parse(f, CultureInfo.InvariantCulture)));
                }
                else
                {
                    var n = source[start..pos].Replace("_", string.Empty, StringComparison.Ordinal);
                    tokens.Add(new JinjaToken(JinjaTokenKind.Integer, n, long.Parse(n, CultureInfo.InvariantCulture)));
                }
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = pos;
                while (pos < source.Length && (char.IsLetterOrDigit(source[pos]) || source[pos] == '_'))
                {
                    pos++;
                }

                tokens.Add(new JinjaToken(JinjaTokenKind.Name, source[start..pos], null));
            }
            else if (pos + 1 < source.Length && TwoCharOperators.Contains(source.Substring(pos, 2)))
            {
                tokens.Add(new JinjaToken(JinjaTokenKind.Operator, source.Substring(pos, 2), null));
                pos += 2;
            }
            else if (OneCharOperators.Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new JinjaToken(JinjaTokenKind.Operator, c.ToString(), null));
                pos++;
            }
            else
            {
                throw new JinjaSyntaxException($"line {line}: unexpected character '{c}' inside a tag");
            }
        }
    }

    // A Python string literal with its escapes (\n, \t, \r, \\, \', \"; any other backslash stays as written).
    private static JinjaToken String(string source, ref int pos, int line)
    {
        var quote = source[pos++];
        var text = new StringBuilder();
        while (true)
        {
            if (pos >= source.Length)
            {
                throw new JinjaSyntaxException($"line {line}: a string literal is never closed");
            }

            var c = source[pos++];
            if (c == quote)
            {
                return new JinjaToken(JinjaTokenKind.String, text.ToString(), text.ToString());
            }

            if (c == '\\' && pos < source.Length)
            {
                var e = source[pos++];
                text.Append(e switch
                {
                    'n' => "\n",
                    't' => "\t",
                    'r' => "\r",
                    '\\' or '\'' or '"' => e.ToString(),
                    _ => "\\" + e,
                });
            }
            else
            {
                text.Append(c);
            }
        }
    }
}
