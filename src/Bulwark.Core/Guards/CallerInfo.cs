namespace Bulwark.Core.Guards;

/// <summary>Who is calling, as far as guards need to know. Never holds the key itself.</summary>
public sealed record CallerInfo(string PrincipalId, IReadOnlyList<string> Groups, string? KeyId = null)
{
    public static readonly CallerInfo Anonymous = new("anonymous", []);
}
