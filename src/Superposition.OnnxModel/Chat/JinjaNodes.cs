using System.Text;

namespace Superposition.OnnxModel.Chat;

/// <summary>A statement of the supported subset: text, {{ output }}, if, for and set.</summary>
internal abstract record JinjaNode
{
    public abstract void Render(JinjaScope scope, StringBuilder output);

    public static void RenderAll(IReadOnlyList<JinjaNode> nodes, JinjaScope scope, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            node.Render(scope, output);
        }
    }
}

internal sealed record TextNode(string Text) : JinjaNode
{
    public override void Render(JinjaScope scope, StringBuilder output) => output.Append(Text);
}

internal sealed record OutputNode(JinjaExpression Expression) : JinjaNode
{
    public override void Render(JinjaScope scope, StringBuilder output) => output.Append(JinjaValues.Str(Expression.Evaluate(scope)));
}

internal sealed record IfNode(IReadOnlyList<(JinjaExpression Condition, IReadOnlyList<JinjaNode> Body)> Branches, IReadOnlyList<JinjaNode> Else) : JinjaNode
{
    public override void Render(JinjaScope scope, StringBuilder output)
    {
        foreach (var (condition, body) in Branches)
        {
            if (JinjaValues.Truthy(condition.Evaluate(scope)))
            {
                RenderAll(body, scope, output);
                return;
            }
        }

        RenderAll(Else, scope, output);
    }
}

/// <summary>{% for x in xs %}: each item in a scope of its own, with loop.index0, index, first, last, length, revindex and revindex0.</summary>
internal sealed record ForNode(string Target, JinjaExpression Items, IReadOnlyList<JinjaNode> Body, IReadOnlyList<JinjaNode> Else) : JinjaNode
{
    public override void Render(JinjaScope scope, StringBuilder output)
    {
        var items = JinjaValues.Iterate(Items.Evaluate(scope));
        if (items.Count == 0)
        {
            RenderAll(Else, scope, output);
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var inner = new JinjaScope(scope);
            inner.Set(Target, items[i]);
            inner.Set("loop", new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["index0"] = (long)i,
                ["index"] = (long)i + 1,
                ["first"] = i == 0,
                ["last"] = i == items.Count - 1,
                ["length"] = (long)items.Count,
                ["revindex"] = (long)(items.Count - i),
                ["revindex0"] = (long)(items.Count - i - 1),
            });
            RenderAll(Body, inner, output);
        }
    }
}

internal sealed record SetNode(string Name, JinjaExpression Value) : JinjaNode
{
    public override void Render(JinjaScope scope, StringBuilder output) => scope.Set(Name, Value.Evaluate(scope));
}
