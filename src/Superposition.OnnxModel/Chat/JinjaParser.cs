namespace Superposition.OnnxModel.Chat;

/// <summary>
/// Parses lexed segments into nodes, with Jinja's operator precedence (or, and, not, comparisons and in, + -, ~,
/// * / // %, unary -, then postfix . [] () with filters and tests). Anything outside the subset is a
/// <see cref="JinjaSyntaxException"/> naming the construct and its line.
/// </summary>
internal sealed class JinjaParser
{
    private static readonly string[] Comparisons = ["==", "!=", "<", ">", "<=", ">="];
    private readonly IReadOnlyList<JinjaSegment> _segments;
    private int _segment;
    private IReadOnlyList<JinjaToken> _tokens = [];
    private int _token;
    private int _line;

    private JinjaParser(IReadOnlyList<JinjaSegment> segments) => _segments = segments;

    public static IReadOnlyList<JinjaNode> Parse(string source)
    {
        var parser = new JinjaParser(JinjaLexer.Lex(source));
        var (nodes, end) = parser.Body();
        return end is null ? nodes : throw new JinjaSyntaxException($"line {parser._line}: '{{% {end} %}}' closes nothing");
    }

    // Nodes up to one of the end tags (returned with the tag's name), or to the template's end (null).
    private (List<JinjaNode> Nodes, string? End) Body(params string[] ends)
    {
        var nodes = new List<JinjaNode>();
        while (_segment < _segments.Count)
        {
            var segment = _segments[_segment++];
            _line = segment.Line;
            switch (segment.Kind)
            {
                case JinjaSegmentKind.Text:
                    nodes.Add(new TextNode(segment.Text));
                    continue;
                case JinjaSegmentKind.Output:
                    Begin(segment);
                    nodes.Add(new OutputNode(Expression()));
                    Finish();
                    continue;
            }

            Begin(segment);
            var keyword = Next();
            if (keyword.Kind != JinjaTokenKind.Name)
            {
                throw Unsupported($"the statement '{segment.Text}'");
            }

            if (ends.Contains(keyword.Text))
            {
                return (nodes, keyword.Text);
            }

            nodes.Add(keyword.Text switch
            {
                "if" => If(),
                "for" => For(),
                "set" => Set(),
                "elif" or "else" or "endif" or "endfor" => throw new JinjaSyntaxException($"line {_line}: '{segment.Text}' has no open block it belongs to"),
                _ => throw Unsupported($"the statement '{{% {keyword.Text} %}}'"),
            });
        }

        return ends.Length == 0 ? (nodes, null) : throw new JinjaSyntaxException($"line {_line}: the template ends before '{{% {ends[^1]} %}}'");
    }

    private IfNode If()
    {
        var branches = new List<(JinjaExpression, IReadOnlyList<JinjaNode>)>();
        var condition = Expression();
        Finish();
        while (true)
        {
            var (body, end) = Body("elif", "else", "endif");
            branches.Add((condition, body));
            if (end == "elif")
            {
                condition = Expression();
                Finish();
                continue;
            }

            Finish();
            if (end == "endif")
            {
                return new IfNode(branches, []);
            }

            var (elseBody, _) = Body("endif");
            Finish();
            return new IfNode(branches, elseBody);
        }
    }

    private ForNode For()
    {
        var target = Name("a for loop's variable");
        if (Peek()?.Is(",") == true)
        {
            throw Unsupported("unpacking several loop variables ('for a, b in ...')");
        }

        Expect("in");
        var items = Or();
        if (Peek() is { } extra)
        {
            throw Unsupported($"'{extra.Text}' after a for loop's list (filtered or recursive loops)");
        }

        var (body, end) = Body("else", "endfor");
        Finish();
        if (end == "endfor")
        {
            return new ForNode(target, items, body, []);
        }

        var (elseBody, _) = Body("endfor");
        Finish();
        return new ForNode(target, items, body, elseBody);
    }

    private SetNode Set()
    {
        var name = Name("a set's variable");
        if (Peek() is { } next && !next.Is("="))
        {
            throw Unsupported(next.Is(".") ? "assigning an attribute ('set ns.x = ...': namespace())" : next.Is(",") ? "assigning several variables" : "a block set ('{% set x %}...{% endset %}')");
        }

        Expect("=");
        var value = Expression();
        Finish();
        return new SetNode(name, value);
    }

    private JinjaExpression Expression()
    {
        var value = Or();
        if (Accept("if"))
        {
            var condition = Or();
            return new ConditionalExpression(condition, value, Accept("else") ? Expression() : null);
        }

        return value;
    }

    private JinjaExpression Or()
    {
        var left = And();
        while (Accept("or"))
        {
            left = new BinaryExpression("or", left, And());
        }

        return left;
    }

    private JinjaExpression And()
    {
        var left = Not();
        while (Accept("and"))
        {
            left = new BinaryExpression("and", left, Not());
        }

        return left;
    }

    private JinjaExpression Not() => Accept("not") ? new NotExpression(Not()) : Compare();

    private JinjaExpression Compare()
    {
        var left = Add();
        while (true)
        {
            if (Peek() is { Kind: JinjaTokenKind.Operator } op && Comparisons.Contains(op.Text))
            {
                _token++;
                left = new BinaryExpression(op.Text, left, Add());
            }
            else if (Accept("in"))
            {
                left = new BinaryExpression("in", left, Add());
            }
            else if (Peek()?.Is("not") == true && _token + 1 < _tokens.Count && _tokens[_token + 1].Is("in"))
            {
                _token += 2;
                left = new BinaryExpression("not in", left, Add());
            }
            else
            {
                return left;
            }
        }
    }

    private JinjaExpression Add()
    {
        var left = Concat();
        while (Peek() is { Kind: JinjaTokenKind.Operator, Text: "+" or "-" } op)
        {
            _token++;
            left = new BinaryExpression(op.Text, left, Concat());
        }

        return left;
    }

    private JinjaExpression Concat()
    {
        var left = Multiply();
        while (Accept("~"))
        {
            left = new BinaryExpression("~", left, Multiply());
        }

        return left;
    }

    private JinjaExpression Multiply()
    {
        var left = Unary();
        while (Peek() is { Kind: JinjaTokenKind.Operator, Text: "*" or "/" or "//" or "%" } op)
        {
            _token++;
            left = new BinaryExpression(op.Text, left, Unary());
        }

        return left;
    }

    private JinjaExpression Unary() => Accept("-") ? new NegateExpression(Unary()) : Filtered(Postfix(Primary()));

    private JinjaExpression Filtered(JinjaExpression value)
    {
        while (true)
        {
            if (Accept("|"))
            {
                var filter = Name("a filter");
                if (!FilterExpression.Supported.Contains(filter) || Peek()?.Is("(") == true)
                {
                    throw Unsupported($"the filter '{filter}'{(Peek()?.Is("(") == true ? " with arguments" : string.Empty)} (supported: {string.Join(", ", FilterExpression.Supported)})");
                }

                value = new FilterExpression(value, filter);
            }
            else if (Accept("is"))
            {
                var negated = Accept("not");
                var test = Name("a test");
                if (!TestExpression.Supported.Contains(test))
                {
                    throw Unsupported($"the test 'is {test}' (supported: {string.Join(", ", TestExpression.Supported)})");
                }

                value = new TestExpression(value, test, negated);
            }
            else
            {
                return value;
            }
        }
    }

    private JinjaExpression Postfix(JinjaExpression value)
    {
        while (true)
        {
            if (Accept("."))
            {
                var name = Name("an attribute");
                if (Accept("("))
                {
                    if (!MethodExpression.Supported.Contains(name))
                    {
                        throw Unsupported($"the method '.{name}()' (supported: {string.Join(", ", MethodExpression.Supported)})");
                    }

                    value = new MethodExpression(value, name, Arguments());
                }
                else
                {
                    value = new ItemExpression(value, new LiteralExpression(name));
                }
            }
            else if (Accept("["))
            {
                JinjaExpression? start = Peek()?.Is(":") == true ? null : Expression();
                if (Accept(":"))
                {
                    var stop = Peek()?.Is("]") == true ? null : Expression();
                    if (Peek()?.Is(":") == true)
                    {
                        throw Unsupported("a slice with a step");
                    }

                    value = new SliceExpression(value, start, stop);
                }
                else
                {
                    value = new ItemExpression(value, start!);
                }

                Expect("]");
            }
            else if (Peek()?.Is("(") == true)
            {
                throw Unsupported(value is NameExpression n ? $"the function '{n.Name}()' (supported: raise_exception)" : "calling a value");
            }
            else
            {
                return value;
            }
        }
    }

    private JinjaExpression Primary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case JinjaTokenKind.String:
                var text = (string)token.Value!;
                while (Peek() is { Kind: JinjaTokenKind.String } more)
                {
                    // Adjacent literals join, as in Python.
                    _token++;
                    text += (string)more.Value!;
                }

                return new LiteralExpression(text);
            case JinjaTokenKind.Integer or JinjaTokenKind.Float:
                return new LiteralExpression(token.Value);
            case JinjaTokenKind.Name:
                switch (token.Text)
                {
                    case "true" or "True":
                        return new LiteralExpression(true);
                    case "false" or "False":
                        return new LiteralExpression(false);
                    case "none" or "None":
                        return new LiteralExpression(null);
                    case "raise_exception" when Accept("("):
                        var args = Arguments();
                        return args.Count == 1 ? new RaiseExpression(args[0]) : throw new JinjaSyntaxException($"line {_line}: raise_exception takes one message");
                    default:
                        return new NameExpression(token.Text);
                }

            case JinjaTokenKind.Operator when token.Text == "(":
                var inner = Expression();
                if (Peek()?.Is(",") == true)
                {
                    throw Unsupported("a tuple");
                }

                Expect(")");
                return inner;
            case JinjaTokenKind.Operator when token.Text == "[":
                var items = new List<JinjaExpression>();
                while (!Accept("]"))
                {
                    items.Add(Expression());
                    if (!Accept(","))
                    {
                        Expect("]");
                        break;
                    }
                }

                return new ListExpression(items);
            case JinjaTokenKind.Operator when token.Text == "{":
                throw Unsupported("a dict literal");
            default:
                throw new JinjaSyntaxException($"line {_line}: unexpected '{token.Text}' in an expression");
        }
    }

    // The arguments of a call whose '(' was read, through its ')'.
    private List<JinjaExpression> Arguments()
    {
        var args = new List<JinjaExpression>();
        while (!Accept(")"))
        {
            if (Peek() is { Kind: JinjaTokenKind.Name } name && _token + 1 < _tokens.Count && _tokens[_token + 1].Is("="))
            {
                throw Unsupported($"the keyword argument '{name.Text}='");
            }

            args.Add(Expression());
            if (!Accept(","))
            {
                Expect(")");
                break;
            }
        }

        return args;
    }

    private void Begin(JinjaSegment segment)
    {
        _tokens = segment.Tokens;
        _token = 0;
        _line = segment.Line;
        if (_tokens.Count == 0)
        {
            throw new JinjaSyntaxException($"line {_line}: the tag '{segment.Text}' is empty");
        }
    }

    private void Finish()
    {
        if (Peek() is { } extra)
        {
            throw new JinjaSyntaxException($"line {_line}: unexpected '{extra.Text}' (a construct outside the supported subset, or a typo)");
        }
    }

    private JinjaToken? Peek() => _token < _tokens.Count ? _tokens[_token] : null;

    private JinjaToken Next() => _token < _tokens.Count ? _tokens[_token++] : throw new JinjaSyntaxException($"line {_line}: the tag ends where more was expected");

    private bool Accept(string text)
    {
        if (Peek() is { } token && token.Kind is JinjaTokenKind.Name or JinjaTokenKind.Operator && token.Text == text)
        {
            _token++;
            return true;
        }

        return false;
    }

    private void Expect(string text)
    {
        if (!Accept(text))
        {
            throw new JinjaSyntaxException($"line {_line}: expected '{text}' but found '{Peek()?.Text ?? "the tag's end"}'");
        }
    }

    private string Name(string what)
    {
        var token = Next();
        return token.Kind == JinjaTokenKind.Name ? token.Text : throw new JinjaSyntaxException($"line {_line}: expected {what} but found '{token.Text}'");
    }

    private JinjaSyntaxException Unsupported(string construct) => new($"line {_line}: {construct} is outside the supported Jinja subset");
}
