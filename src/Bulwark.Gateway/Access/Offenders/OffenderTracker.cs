using System.Text.Json.Nodes;
using Bulwark.Core.Access;
using Bulwark.Core.Guards;
using Bulwark.Gateway.Access.Propagation;
using Bulwark.Gateway.Access.Stores;
using Bulwark.Gateway.Auditing;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Access.Offenders;

/// <summary>
/// Counts blocked requests per principal in a sliding window and escalates: flag, then throttle (lower rate), then
/// suspend (403 "suspended"). Each escalation is audited first (kind "offender"), then stored, then propagated.
/// An admin lifts a suspension (<see cref="ResetAsync"/> clears the window).
/// </summary>
public sealed class OffenderTracker(
    IBlockWindow window,
    OffenderOptions options,
    IAccessStore store,
    IAccessChangeNotifier notifier,
    AccessStateManager manager,
    AccessAuditor auditor,
    TimeProvider time,
    ILogger<OffenderTracker>? logger = null)
{
    public OffenderLevel LevelFor(long blocks) =>
        blocks >= options.SuspendAfter ? OffenderLevel.Suspended
        : blocks >= options.ThrottleAfter ? OffenderLevel.Throttled
        : blocks >= options.FlagAfter ? OffenderLevel.Flagged
        : OffenderLevel.None;

    /// <summary>Records one block; escalates when a threshold is crossed. Returns the level now in force. Never throws for store/bus/audit trouble.</summary>
    public async Task<OffenderLevel> RecordBlockAsync(CallerInfo caller, string? model, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var principal = manager.Current.FindPrincipal(caller.PrincipalId);
        if (principal is null) return OffenderLevel.None;
        long blocks;
        try
        {
            blocks = await window.AddAsync(principal.Id, now, options.Window, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger?.LogWarning("access: the {Window} offender window is unreachable ({Error})", window.Name, ex.GetType().Name);
            return principal.OffenderLevel;
        }
        var level = LevelFor(blocks);
        if (level <= principal.OffenderLevel) return principal.OffenderLevel;
        var action = level switch
        {
            OffenderLevel.Flagged => "principal.flag",
            OffenderLevel.Throttled => "principal.throttle",
            _ => "principal.suspend",
        };
        try
        {
            await auditor.AppendAsync(new AuditRecord
            {
                Kind = "offender", Time = now, RequestId = "offender-" + Guid.NewGuid().ToString("N"), Principal = principal.Id, KeyId = caller.KeyId,
                Model = model, Actor = "bulwark", Action = action, Target = principal.Id, Outcome = "ok",
                Details = new JsonObject
                {
                    ["level"] = level.ToString().ToLowerInvariant(), ["blocks"] = blocks, ["window_seconds"] = (long)options.Window.TotalSeconds,
                },
            }, cancellationToken);
            var outcome = await store.SetOffenderStateAsync(principal.Id, level, level == OffenderLevel.Suspended, now, cancellationToken);
            if (outcome.Applied) await notifier.NotifyAsync(outcome.Version, cancellationToken);
            return level;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger?.LogWarning("access: escalating principal {Principal} to {Level} failed ({Error})", principal.Id, level, ex.GetType().Name);
            return principal.OffenderLevel;
        }
    }

    public ValueTask ResetAsync(string principalId, CancellationToken cancellationToken) => window.ResetAsync(principalId, cancellationToken);
}
