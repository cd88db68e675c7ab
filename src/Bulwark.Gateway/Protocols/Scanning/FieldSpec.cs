using System.Collections.Frozen;
using Bulwark.Core.Conversations;

namespace Bulwark.Gateway.Protocols.Scanning;

/// <summary>
/// What the gateway knows about one place of a request body: its known properties (the rest is an unknown field),
/// its array items, its variants (chosen by a discriminator such as "type" or "role"), its closed vocabulary, how
/// its strings reach the model (<see cref="FieldContent"/>), and the trust its text gets (role and part kind).
/// A node of a protocol's field tree; the trees are built once and shared.
/// </summary>
public sealed record FieldSpec
{
    public FrozenDictionary<string, FieldSpec>? Properties { get; init; }

    public FieldSpec? Items { get; init; }

    /// <summary>The property whose string value selects one of <see cref="Variants"/>.</summary>
    public string? Discriminator { get; init; }

    /// <summary>A variant to use when the discriminator is absent (Anthropic custom tools have no "type").</summary>
    public string? DefaultVariant { get; init; }

    public FrozenDictionary<string, FieldSpec>? Variants { get; init; }

    /// <summary>An unknown discriminator value is malformed input (refused), not an unknown field (message roles, tool-call types).</summary>
    public bool Strict { get; init; }

    /// <summary>A closed vocabulary: a string here must be one of these values and is not scanned.</summary>
    public FrozenSet<string>? Values { get; init; }

    public FieldContent Content { get; init; }

    /// <summary>The value must be a JSON string (text the model reads where a number or object would be malformed).</summary>
    public bool RequireString { get; init; }

    /// <summary>The author of text below this node (user, system…), when this node decides it.</summary>
    public MessageRole? Role { get; init; }

    /// <summary>What text below this node is (instructions, tool result, document, tool call), when this node decides it.</summary>
    public ContentPartKind? Kind { get; init; }

    /// <summary>This node is one message of the conversation.</summary>
    public bool IsMessage { get; init; }

    /// <summary>Scanned text of any kind (the default spec of a leaf).</summary>
    public static readonly FieldSpec Text = new();

    public static readonly FieldSpec Free = new() { Content = FieldContent.Free };

    public static readonly FieldSpec String = new() { RequireString = true };

    public static FieldSpec OneOf(params string[] values) => new() { Values = values.ToFrozenSet(StringComparer.Ordinal) };

    public static FieldSpec Object(params (string Name, FieldSpec Spec)[] properties) =>
        new() { Properties = properties.ToFrozenDictionary(p => p.Name, p => p.Spec, StringComparer.Ordinal) };

    public static FieldSpec ArrayOf(FieldSpec items) => new() { Items = items };

    /// <summary>An object whose <paramref name="discriminator"/> value selects its shape; each variant lists the discriminator too.</summary>
    public static FieldSpec Union(string discriminator, params (string Value, FieldSpec Spec)[] variants) => new()
    {
        Discriminator = discriminator,
        Variants = variants.ToFrozenDictionary(v => v.Value, v => v.Spec, StringComparer.Ordinal),
    };
}
