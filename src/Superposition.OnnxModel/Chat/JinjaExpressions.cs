using Superposition.LanguageModels;

namespace Superposition.OnnxModel.Chat;

/// <summary>An expression of the supported subset; every name of a filter, test or method was checked when parsed.</summary>
internal abstract record JinjaExpression
{
    public abstract object? Evaluate(JinjaScope scope);
}

internal sealed record LiteralExpression(object? Value) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope) => Value;
}

internal sealed record ListExpression(IReadOnlyList<JinjaExpression> Items) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope) => Items.Select(i => i.Evaluate(scope)).ToList();
}

internal sealed record NameExpression(string Name) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope) => scope.Lookup(Name);
}

/// <summary>x.name and x[key]: a dictionary's entry, a list's or string's item; missing is undefined, as in Jinja.</summary>
internal sealed record ItemExpression(JinjaExpression Target, JinjaExpression Key) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope)
    {
        var target = Target.Evaluate(scope);
        var key = Key.Evaluate(scope);
        return (target, key) switch
        {
            (JinjaUndefined u, _) => throw JinjaValues.Error($"'{u.Name}' is undefined, so it has no item {JinjaValues.Str(key)}"),
            (IReadOnlyDictionary<string, object?> d, string k) => d.TryGetValue(k, out var v) ? v : new JinjaUndefined(k),
            (IReadOnlyList<object?> l, long i) => i < l.Count && i >= -l.Count ? l[(int)(i < 0 ? i + l.Count : i)] : new JinjaUndefined($"[{i}]"),
            (string s, long i) => i < s.Length && i >= -s.Length ? s[(int)(i < 0 ? i + s.Length : i)].ToString() : new JinjaUndefined($"[{i}]"),
            _ => new JinjaUndefined(JinjaValues.Str(key)),
        };
    }
}

/// <summary>x[start:stop] on a list or string (Python's slice; either bound may be left out or negative).</summary>
internal sealed record SliceExpression(JinjaExpression Target, JinjaExpression? Start, JinjaExpression? Stop) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope)
    {
        var target = Target.Evaluate(scope);
        var count = target switch
        {
            string s => s.Length,
            IReadOnlyList<object?> l => l.Count,
            _ => throw JinjaValues.Error($"{JinjaValues.TypeName(target)} cannot be sliced"),
        };
        var start = Bound(Start, scope, count, 0);
        var stop = Math.Max(start, Bound(Stop, scope, count, count));
        return target is string text ? text[start..stop] : ((IReadOnlyList<object?>)target!).Skip(start).Take(stop - start).ToList();
    }

    private static int Bound(JinjaExpression? bound, JinjaScope scope, int count, int absent)
    {
        var value = bound?.Evaluate(scope);
        return value switch
        {
            null => absent,
            long n => (int)Math.Clamp(n < 0 ? n + count : n, 0, count),
            _ => throw JinjaValues.Error($"a slice bound is {JinjaValues.TypeName(value)}, not an int"),
        };
    }
}

internal sealed record BinaryExpression(string Operator, JinjaExpression Left, JinjaExpression Right) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope)
    {
        var left = Left.Evaluate(scope);
        switch (Operator)
        {
            case "and":
                return JinjaValues.Truthy(left) ? Right.Evaluate(scope) : left;
            case "or":
                return JinjaValues.Truthy(left) ? left : Right.Evaluate(scope);
        }

        var right = Right.Evaluate(scope);
        return Operator switch
        {
            "~" => JinjaValues.Str(left) + JinjaValues.Str(right),
            "==" => JinjaValues.Same(left, right),
            "!=" => !JinjaValues.Same(left, right),
            "<" => JinjaValues.Compare(left, right, Operator) < 0,
            ">" => JinjaValues.Compare(left, right, Operator) > 0,
            "<=" => JinjaValues.Compare(left, right, Operator) <= 0,
            ">=" => JinjaValues.Compare(left, right, Operator) >= 0,
            "in" => JinjaValues.Contains(right, left),
            "not in" => !JinjaValues.Contains(right, left),
            _ => JinjaValues.Arithmetic(Operator, left is JinjaUndefined u ? throw JinjaValues.Error($"'{u.Name}' is undefined") : left, right is JinjaUndefined v ? throw JinjaValues.Error($"'{v.Name}' is undefined") : right),
        };
    }
}

internal sealed record NotExpression(JinjaExpression Operand) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope) => !JinjaValues.Truthy(Operand.Evaluate(scope));
}

internal sealed record NegateExpression(JinjaExpression Operand) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope) => JinjaValues.Arithmetic("-", 0L, Operand.Evaluate(scope));
}

internal sealed record ConditionalExpression(JinjaExpression Condition, JinjaExpression Then, JinjaExpression? Else) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope) =>
        JinjaValues.Truthy(Condition.Evaluate(scope)) ? Then.Evaluate(scope) : Else?.Evaluate(scope) ?? new JinjaUndefined("else");
}

/// <summary>x | filter: trim, length (count), upper, lower.</summary>
internal sealed record FilterExpression(JinjaExpression Operand, string Filter) : JinjaExpression
{
    public static readonly string[] Supported = ["trim", "length", "count", "upper", "lower"];

    public override object? Evaluate(JinjaScope scope)
    {
        var value = Operand.Evaluate(scope);
        return Filter switch
        {
            "trim" => JinjaValues.Str(value).Trim(),
            "upper" => JinjaValues.Str(value).ToUpperInvariant(),
            "lower" => JinjaValues.Str(value).ToLowerInvariant(),
            _ => value switch
            {
                string s => (long)s.Length,
                IReadOnlyList<object?> l => (long)l.Count,
                IReadOnlyDictionary<string, object?> d => (long)d.Count,
                JinjaUndefined => 0L,
                _ => throw JinjaValues.Error($"{JinjaValues.TypeName(value)} has no length"),
            },
        };
    }
}

/// <summary>x is [not] test: defined, undefined, none, string, number, mapping, sequence.</summary>
internal sealed record TestExpression(JinjaExpression Operand, string Test, bool Negated) : JinjaExpression
{
    public static readonly string[] Supported = ["defined", "undefined", "none", "string", "number", "mapping", "sequence"];

    public override object? Evaluate(JinjaScope scope)
    {
        var value = Operand.Evaluate(scope);
        var result = Test switch
        {
            "defined" => value is not JinjaUndefined,
            "undefined" => value is JinjaUndefined,
            "none" => value is null,
            "string" => value is string,
            "number" => value is long or double,
            "mapping" => value is IReadOnlyDictionary<string, object?>,
            _ => value is string or IReadOnlyList<object?> or IReadOnlyDictionary<string, object?>,
        };
        return result != Negated;
    }
}

/// <summary>A string's method (strip, lstrip, rstrip, startswith, endswith, upper, lower) or a dict's get.</summary>
internal sealed record MethodExpression(JinjaExpression Target, string Method, IReadOnlyList<JinjaExpression> Arguments) : JinjaExpression
{
    public static readonly string[] Supported = ["strip", "lstrip", "rstrip", "startswith", "endswith", "upper", "lower", "get"];

    public override object? Evaluate(JinjaScope scope)
    {
        var target = Target.Evaluate(scope);
        var args = Arguments.Select(a => a.Evaluate(scope)).ToList();
        if (Method == "get" && target is IReadOnlyDictionary<string, object?> d && args is [string key, ..])
        {
            return d.TryGetValue(key, out var v) ? v : args.Count > 1 ? args[1] : null;
        }

        if (target is not string s)
        {
            throw JinjaValues.Error($"{JinjaValues.TypeName(target)} has no method '{Method}'");
        }

        var chars = args is [string c, ..] ? c.ToCharArray() : null;
        return Method switch
        {
            "strip" => chars is null ? s.Trim() : s.Trim(chars),
            "lstrip" => chars is null ? s.TrimStart() : s.TrimStart(chars),
            "rstrip" => chars is null ? s.TrimEnd() : s.TrimEnd(chars),
            "upper" => s.ToUpperInvariant(),
            "lower" => s.ToLowerInvariant(),
            "startswith" => args is [string p] ? s.StartsWith(p, StringComparison.Ordinal) : throw JinjaValues.Error("startswith takes one string"),
            "endswith" => args is [string q] ? s.EndsWith(q, StringComparison.Ordinal) : throw JinjaValues.Error("endswith takes one string"),
            _ => throw JinjaValues.Error($"str has no method '{Method}'"),
        };
    }
}

/// <summary>raise_exception(message): Hugging Face's way for a template to refuse a chat.</summary>
internal sealed record RaiseExpression(JinjaExpression Message) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope) =>
        throw new ChatTemplateException($"The model's chat template refused the messages: {JinjaValues.Str(Message.Evaluate(scope))}");
}
