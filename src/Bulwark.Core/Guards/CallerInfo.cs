namespace Bulwark.Core.Guards;

/// <summary>Who is calling, as far as guards need to know. Never holds the key itself.</summary>
public sealed record CallerInfo(string PrincipalId, IReadOnlyList<string> Groups, string? KeyId = null)
{
    /// <summary>The policy bound to the caller's key (<c>POST /admin/keys</c> with <c>"policy"</c>), if any.</summary>
    public string? Policy { get; init; }

    public static readonly CallerInfo Anonymous = new("anonymous", []);
}
