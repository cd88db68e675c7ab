namespace Bulwark.RedTeam.Operators;

/// <summary>Latin letters replaced by Cyrillic look-alikes (а, с, е, о, р, х, у, і); <see cref="Decode"/> restores them.</summary>
public sealed class HomoglyphOperator : IAttackOperator
{
    private const string Latin = "aceopxyi";
    private const string Cyrillic = "\u0430\u0441\u0435\u043E\u0440\u0445\u0443\u0456";

    public string Name => "homoglyph";

    public OperatorStage Stage => OperatorStage.Encoding;

    public static string Encode(string text) => Map(text, Latin, Cyrillic);

    public static string Decode(string text) => Map(text, Cyrillic, Latin);

    public AttackPayload Apply(AttackPayload payload, Random random) => payload with { Text = Encode(payload.Text) };

    private static string Map(string text, string from, string to) => string.Create(text.Length, (text, from, to), static (span, s) =>
    {
        for (var i = 0; i < s.text.Length; i++)
        {
            var k = s.from.IndexOf(s.text[i], StringComparison.Ordinal);
            span[i] = k < 0 ? s.text[i] : s.to[k];
        }
    });
}
