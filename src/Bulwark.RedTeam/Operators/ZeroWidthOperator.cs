using System.Text;

namespace Bulwark.RedTeam.Operators;

/// <summary>A zero-width space (U+200B) between the letters of every word; <see cref="Decode"/> removes them.</summary>
public sealed class ZeroWidthOperator : IAttackOperator
{
    public const char ZeroWidthSpace = '\u200B';

    public string Name => "zero-width";

    public OperatorStage Stage => OperatorStage.Encoding;

    public static string Encode(string text)
    {
        var sb = new StringBuilder(text.Length * 2);
        for (var i = 0; i < text.Length; i++)
        {
            sb.Append(text[i]);
            if (i + 1 < text.Length && char.IsLetter(text[i]) && char.IsLetter(text[i + 1])) sb.Append(ZeroWidthSpace);
        }
        return sb.ToString();
    }

    public static string Decode(string text) => text.Replace(ZeroWidthSpace.ToString(), "", StringComparison.Ordinal);

    public AttackPayload Apply(AttackPayload payload, Random random) => payload with { Text = Encode(payload.Text) };
}
