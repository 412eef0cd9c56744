namespace Superposition.OnnxModel.Chat;

internal enum JinjaTokenKind
{
    Name,
    String,
    Integer,
    Float,
    Operator,
}

/// <summary>One token of an expression or statement inside a tag.</summary>
internal sealed record JinjaToken(JinjaTokenKind Kind, string Text, object? Value)
{
    public bool Is(string text) => Kind is JinjaTokenKind.Operator or JinjaTokenKind.Name && Text == text;
}

internal enum JinjaSegmentKind
{
    Text,
    Output,
    Statement,
}

/// <summary>A piece of the template: literal text (whitespace control already applied), a {{ }} or a {% %} with its tokens.</summary>
internal sealed record JinjaSegment(JinjaSegmentKind Kind, string Text, IReadOnlyList<JinjaToken> Tokens, int Line);
