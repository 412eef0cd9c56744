using Superposition.LanguageModels;
using Superposition.OnnxModel.Chat;

namespace Superposition.OnnxModel.Tests.Chat;

public sealed class JinjaTemplateTests
{
    private static readonly Dictionary<string, object?> Variables = new()
    {
        ["xs"] = new List<object?> { "a", "b", "c" },
        ["m"] = new Dictionary<string, object?> { ["role"] = "user", ["content"] = "  hi  " },
        ["n"] = 7L,
        ["flag"] = true,
        ["nothing"] = null,
    };

    [Theory]
    [InlineData("{% for x in xs %}{{ loop.index0 }}{{ loop.index }}{{ x }}{% if loop.first %}F{% endif %}{% if loop.last %}L{{ loop.length }}{% endif %};{% endfor %}", "01aF;12b;23cL3;")]
    [InlineData("{{ m.role }}|{{ m['content'] | trim }}|{{ m.content.strip() | upper }}|{{ m['role'].startswith('us') }}", "user|hi|HI|True")]
    [InlineData("{{ 'x' ~ n ~ (n + 1) }} {{ n % 4 }} {{ n // 2 }} {{ -n }}", "x78 3 3 -7")]
    [InlineData("{{ 'b' in xs }}{{ 'z' not in xs }}{{ 'ell' in 'hello' }}{{ xs | length }}{{ xs[-1] }}{{ xs[1:] | length }}", "TrueTrueTrue3c2")]
    [InlineData("{{ missing is defined }}{{ n is defined }}{{ nothing is none }}{{ m.role is string }}{{ n is not string }}{{ missing }}", "FalseTrueTrueTrueTrue")]
    [InlineData("{% if n > 9 %}big{% elif n >= 7 and not flag == false %}seven{% else %}small{% endif %}", "seven")]
    [InlineData("{{ 'yes' if flag else 'no' }}{{ nothing or 'fallback' }}{{ xs == ['a', 'b', 'c'] }}", "yesfallbackTrue")]
    [InlineData("{% set y = 1 %}{% for x in xs %}{% set y = 2 %}{% endfor %}{{ y }}", "1")]
    [InlineData("a {#- comment -#}  b {{- ' c ' -}}  d", "ab c d")]
    [InlineData("  {% if flag %}\nyes\n  {% endif %}\nend", "yes\nend")]
    [InlineData("{% for x in [] %}x{% else %}empty{% endfor %}", "empty")]
    public void Supported_constructs_render_as_jinja_with_hugging_faces_settings(string source, string expected)
    {
        Assert.Equal(expected, JinjaTemplate.Parse(source).Render(Variables));
    }

    [Theory]
    [InlineData("{% macro f() %}x{% endmacro %}", "'{% macro %}'")]
    [InlineData("{% set ns = namespace(found=false) %}", "'namespace()'")]
    [InlineData("{{ messages | tojson }}", "'tojson'")]
    [InlineData("{{ strftime_now('%Y') }}", "'strftime_now()'")]
    [InlineData("{% for k, v in m.items() %}{% endfor %}", "unpacking")]
    [InlineData("{{ m.content.split(' ') }}", "'.split()'")]
    [InlineData("{{ x is sameas y }}", "'is sameas'")]
    [InlineData("{% if flag %}unclosed", "endif")]
    [InlineData("{{ 'unterminated }}", "never closed")]
    public void Constructs_outside_the_subset_fail_at_parse_naming_the_construct(string source, string named)
    {
        var e = Assert.Throws<JinjaSyntaxException>(() => JinjaTemplate.Parse(source));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("line 1:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Type_errors_at_render_are_chat_template_exceptions_naming_the_types()
    {
        var e = Assert.Throws<ChatTemplateException>(() => JinjaTemplate.Parse("{{ 'a' + n }}").Render(Variables));

        Assert.Contains("str and int", e.Message, StringComparison.Ordinal);
    }
}
