namespace Bulwark.RedTeam.Operators;

/// <summary>Letters swapped for look-alike digits (a→4, e→3, i→1, o→0, s→5, t→7); <see cref="Decode"/> swaps them back.</summary>
public sealed class LeetspeakOperator : IAttackOperator
{
    private const string Letters = "aeiost";
    private const string Digits = "431057";

    public string Name => "leetspeak";

    public OperatorStage Stage => OperatorStage.Encoding;

    public static string Encode(string text) => Map(text.ToLowerInvariant(), Letters, Digits);

    public static string Decode(string text) => Map(text, Digits, Letters);

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
