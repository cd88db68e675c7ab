using Bulwark.Core.Guards;
using Microsoft.Extensions.AI;

namespace Bulwark.Extensions.AI;

/// <summary>The keys Bulwark reads from <see cref="ChatOptions.AdditionalProperties"/> and writes to a response's.</summary>
public static class BulwarkProperties
{
    /// <summary>On a response or update: the <see cref="Verdict"/> that refused, redacted or flagged it.</summary>
    public const string Verdict = "bulwark.verdict";

    /// <summary>On a response or final update: the <see cref="AuditReceipt"/> of its audit line, when a log is configured.</summary>
    public const string Receipt = "bulwark.receipt";

    public const string Principal = "bulwark.principal";
    public const string Groups = "bulwark.groups";
    public const string KeyId = "bulwark.key_id";

    public static CallerInfo CallerFrom(ChatOptions? options)
    {
        var props = options?.AdditionalProperties;
        if (props is null || !props.TryGetValue(Principal, out var p) || p is not string principal) return CallerInfo.Anonymous;
        var groups = props.TryGetValue(Groups, out var g) && g is IEnumerable<string> list ? list.ToArray() : [];
        var keyId = props.TryGetValue(KeyId, out var k) ? k as string : null;
        return new CallerInfo(principal, groups, keyId);
    }
}
