namespace Bulwark.RedTeam.Operators;

/// <summary>The built-in operators by name, and the fixed compositions the standard run also tries.</summary>
public static class OperatorCatalog
{
    public static IReadOnlyList<IAttackOperator> All { get; } =
    [
        new Base64Operator(), new HexOperator(), new Rot13Operator(), new LeetspeakOperator(), new HomoglyphOperator(),
        new ZeroWidthOperator(), new TagCharactersOperator(),
        new PersonaOperator(), new RefusalSuppressionOperator(), new PrefixInjectionOperator(), new FictionFramingOperator(),
        new PayloadSplittingOperator(), new ManyShotOperator(), new MarkdownOperator(), new CodeWrapOperator(),
        new IndirectToolOperator(), new IndirectDocumentOperator(), new CrescendoOperator(), new ParaphraseOperator(),
    ];

    /// <summary>Compositions every standard run tries besides the single operators.</summary>
    public static IReadOnlyList<string> StandardCompositions { get; } =
    [
        "base64+persona", "leetspeak+fiction", "homoglyph+refusal-suppression", "rot13+prefix-injection",
        "payload-split+indirect-tool", "fiction+crescendo", "zero-width+code",
    ];

    public static IAttackOperator? ByName(string name) => All.FirstOrDefault(o => o.Name == name);

    /// <summary>Parses "a+b+c" into a chain; null when a name is unknown.</summary>
    public static OperatorChain? Parse(string composite)
    {
        if (composite == OperatorChain.NoneName) return OperatorChain.Empty;
        var ops = new List<IAttackOperator>();
        foreach (var name in composite.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ByName(name) is not { } op) return null;
            ops.Add(op);
        }
        return new OperatorChain(ops);
    }
}
