namespace Bulwark.Core.Access;

/// <summary>The access-relevant part of a configured model: its upstream, the groups entitled to it (empty: any caller), and whether it is protected (refused when the access state is stale).</summary>
public sealed record ModelAccessRule(string Model, string Upstream, IReadOnlyList<string> Groups, bool Protected);
