using System.Globalization;
using Superposition.LanguageModels;

namespace Superposition.OnnxModel.Chat;

/// <summary>
/// Python's semantics for the values a chat template sees: string, long, double, bool, null (none), lists,
/// string-keyed dictionaries and <see cref="JinjaUndefined"/>.
/// </summary>
internal static class JinjaValues
{
    public static ChatTemplateException Error(string message) => new($"The chat template failed: {message}");

    public static bool Truthy(object? v) => v switch
    {
        null or JinjaUndefined => false,
        bool b => b,
        long n => n != 0,
        double d => d != 0,
        string s => s.Length > 0,
        IReadOnlyList<object?> l => l.Count > 0,
        IReadOnlyDictionary<string, object?> d => d.Count > 0,
        _ => true,
    };

    public static string Str(object? v) => v switch
    {
        null => "None",
        JinjaUndefined => string.Empty,
        string s => s,
        bool b => b ? "True" : "False",
        long n => n.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IReadOnlyList<object?> l => "[" + string.Join(", ", l.Select(Repr)) + "]",
        IReadOnlyDictionary<string, object?> d => "{" + string.Join(", ", d.Select(p => Repr(p.Key) + ": " + Repr(p.Value))) + "}",
        _ => v.ToString() ?? string.Empty,
    };

    public static string TypeName(object? v) => v switch
    {
        null => "NoneType",
        JinjaUndefined u => $"undefined '{u.Name}'",
        string => "str",
        bool => "bool",
        long => "int",
        double => "float",
        IReadOnlyList<object?> => "list",
        IReadOnlyDictionary<string, object?> => "dict",
        _ => v.GetType().Name,
    };

    public static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (JinjaUndefined, JinjaUndefined) => true,
        (bool x, bool y) => x == y,
        (bool, _) or (_, bool) => false,
        (long x, long y) => x == y,
        (long or double, long or double) => Convert.ToDouble(a, CultureInfo.InvariantCulture) == Convert.ToDouble(b, CultureInfo.InvariantCulture),
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (IReadOnlyList<object?> x, IReadOnlyList<object?> y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second)),
        _ => false,
    };

    public static int Compare(object? a, object? b, string op) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (long or double, long or double) => Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, CultureInfo.InvariantCulture)),
        (string x, string y) => string.CompareOrdinal(x, y),
        _ => throw Error($"'{op}' is not supported between {TypeName(a)} and {TypeName(b)}"),
    };

    public static bool Contains(object? container, object? item) => container switch
    {
        string s when item is string t => s.Contains(t, StringComparison.Ordinal),
        IReadOnlyList<object?> l => l.Any(x => Same(x, item)),
        IReadOnlyDictionary<string, object?> d => item is string k && d.ContainsKey(k),
        JinjaUndefined u => throw Error($"'{u.Name}' is undefined"),
        _ => throw Error($"'in' needs a string, list or dict on its right, not {TypeName(container)}"),
    };

    public static IReadOnlyList<object?> Iterate(object? v) => v switch
    {
        JinjaUndefined => [],
        IReadOnlyList<object?> l => l,
        IReadOnlyDictionary<string, object?> d => [.. d.Keys],
        string s => [.. s.Select(c => (object?)c.ToString())],
        _ => throw Error($"{TypeName(v)} is not iterable"),
    };

    public static object? Arithmetic(string op, object? a, object? b)
    {
        if (op == "+" && a is string sa && b is string sb)
        {
            return sa + sb;
        }

        if (op == "+" && a is IReadOnlyList<object?> la && b is IReadOnlyList<object?> lb)
        {
            return la.Concat(lb).ToList();
        }

        if (a is long x && b is long y && op != "/")
        {
            return op switch
            {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                "//" => y == 0 ? throw Error("integer division by zero") : (long)Math.Floor((double)x / y),
                "%" => y == 0 ? throw Error("modulo by zero") : ((x % y) + y) % y,
                _ => throw Error($"unsupported operator '{op}'"),
            };
        }

        if (a is (long or double) and not bool && b is (long or double) and not bool)
        {
            var (p, q) = (Convert.ToDouble(a, CultureInfo.InvariantCulture), Convert.ToDouble(b, CultureInfo.InvariantCulture));
            return op switch
            {
                "+" => p + q,
                "-" => p - q,
                "*" => p * q,
                "/" => p / q,
                "//" => Math.Floor(p / q),
                "%" => p - (q * Math.Floor(p / q)),
                _ => throw Error($"unsupported operator '{op}'"),
            };
        }

        throw Error($"unsupported operand types for {op}: {TypeName(a)} and {TypeName(b)}");
    }

    private static string Repr(object? v) => v is string s ? "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'" : Str(v);
}
