using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection;
using Microsoft.Extensions.AI;

namespace Bulwark.Extensions.AI;

/// <summary>
/// Settings of <see cref="BulwarkChatClient"/>, set in the <c>UseBulwark(o =&gt; …)</c> or <c>AddBulwark(o =&gt; …)</c>
/// callback and validated once when the client is built. With none set it runs the built-in <c>default</c> policy on the
/// embedded models, with no audit log and no access check.
/// </summary>
public sealed class BulwarkChatClientOptions
{
    /// <summary>The policy in force: a built-in name or one declared in <see cref="Policies"/>.</summary>
    public string Policy { get; set; } = DefaultPolicies.DefaultName;

    /// <summary>Declared policies, as under <c>Bulwark:Policies</c> in the gateway.</summary>
    public IDictionary<string, PolicySpec> Policies { get; } = new Dictionary<string, PolicySpec>(StringComparer.Ordinal);

    /// <summary>The learned detectors (embedded weights unless a model folder is given).</summary>
    public DetectionOptions Detection { get; set; } = new();

    /// <summary>Who is calling, from the call's options; default: <c>bulwark.principal</c>, <c>bulwark.groups</c>, <c>bulwark.key_id</c> in AdditionalProperties, else anonymous.</summary>
    public Func<ChatOptions?, CallerInfo> Caller { get; set; } = BulwarkProperties.CallerFrom;

    /// <summary>Optional access check: null allows, a reason refuses the call with <see cref="BulwarkAccessDeniedException"/> before any guard runs.</summary>
    public Func<CallerInfo, string?>? Authorize { get; set; }

    /// <summary>Optional local audit log (JSON lines, hash-chained; never prompt or answer text). Each call's receipt is in AdditionalProperties.</summary>
    public string? AuditLogPath { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
