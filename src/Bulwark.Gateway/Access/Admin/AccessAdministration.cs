using System.Text.Json.Nodes;
using Bulwark.Core.Access;
using Bulwark.Gateway.Access.Offenders;
using Bulwark.Gateway.Access.Propagation;
using Bulwark.Gateway.Access.Stores;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Configuration;

namespace Bulwark.Gateway.Access.Admin;

/// <summary>
/// Every access change an operator can make, shared by the admin API and the CLI. Each action is validated first (bad
/// input: 4xx and nothing changes), then audited (kind "admin"), then applied to the store, then propagated. Audit comes
/// before the change: if the audit log refuses the record, the action is refused (500) and nothing changes; if the store
/// then fails, the answer is 500 and a second record with outcome "error" is attempted.
/// Actions that can find their change already in effect (revoke, rotate, suspend, lift, kill switch) run their check,
/// audit and change under the store's change lock (<see cref="IAccessStore.RunExclusiveAsync{T}"/>), so that concurrent
/// identical requests give exactly one change, one "changed": true and one audit record, on every node.
/// </summary>
public sealed class AccessAdministration(
    IAccessStore store,
    IAccessChangeNotifier notifier,
    AccessAuditor auditor,
    BulwarkOptions options,
    AccessOptions accessOptions,
    TimeProvider time,
    OffenderTracker? offenders = null)
{
    public async Task<AdminResult> CreateKeyAsync(AdminActor actor, CreateKeyRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!Principal.IsValidId(request.Principal)) return Bad("principal must be 1-128 characters of letters, digits, '-', '_', '.', '@'");
        if (request.Groups.FirstOrDefault(g => !Principal.IsValidId(g)) is { } badGroup) return Bad($"invalid group name '{Clip(badGroup)}'");
        if (request.Models.FirstOrDefault(m => !options.Models.ContainsKey(m)) is { } badModel) return Bad($"unknown model '{Clip(badModel)}'");
        if (request.Expires is { } exp && exp <= now) return Bad("expires must be in the future");
        var generated = ApiKeyFormat.Generate();
        var key = new ApiKey
        {
            Id = generated.Id, PrincipalId = request.Principal, Hash = generated.Hash, Models = request.Models.Distinct(StringComparer.Ordinal).ToArray(),
            IsAdmin = request.IsAdmin, IsAuditor = request.IsAuditor, CreatedAt = now, ExpiresAt = request.Expires, Policy = request.Policy,
        };
        var details = new JsonObject
        {
            ["principal"] = key.PrincipalId, ["groups"] = Array(request.Groups), ["models"] = Array(key.Models),
            ["admin"] = key.IsAdmin, ["auditor"] = key.IsAuditor,
        };
        if (key.ExpiresAt is { } e) details["expires"] = TimeSpec.Format(e);
        if (key.Policy is { } keyPolicy) details["policy"] = keyPolicy;
        var applied = await ApplyAsync(actor, "key.create", key.Id, details, ct => store.CreateKeyAsync(key, request.Groups, ct), cancellationToken);
        if (applied is not null) return applied;
        var body = new JsonObject { ["id"] = key.Id, ["key"] = generated.Key, ["principal"] = key.PrincipalId };
        if (key.ExpiresAt is { } e2) body["expires"] = TimeSpec.Format(e2);
        if (key.Policy is { } p2) body["policy"] = p2;
        return AdminResult.Success(body);
    }

    public Task<AdminResult> RevokeKeyAsync(AdminActor actor, string keyId, CancellationToken cancellationToken) =>
        store.RunExclusiveAsync(ct => RevokeKeyExclusiveAsync(actor, keyId, ct), cancellationToken);

    private async Task<AdminResult> RevokeKeyExclusiveAsync(AdminActor actor, string keyId, CancellationToken cancellationToken)
    {
        var existing = ApiKeyFormat.IsValidId(keyId) ? await store.GetKeyAsync(keyId, cancellationToken) : null;
        if (existing is null) return AdminResult.Fail(404, $"no key with id '{Clip(keyId)}'");
        if (existing.IsRevoked) return AdminResult.Success(new JsonObject { ["id"] = keyId, ["revoked"] = true, ["changed"] = false });
        var applied = await ApplyAsync(actor, "key.revoke", keyId, new JsonObject { ["principal"] = existing.PrincipalId },
            ct => store.RevokeKeyAsync(keyId, time.GetUtcNow(), ct), cancellationToken);
        return applied ?? AdminResult.Success(new JsonObject { ["id"] = keyId, ["revoked"] = true, ["changed"] = true });
    }

    public Task<AdminResult> RotateKeyAsync(AdminActor actor, string keyId, CancellationToken cancellationToken) =>
        store.RunExclusiveAsync(ct => RotateKeyExclusiveAsync(actor, keyId, ct), cancellationToken);

    private async Task<AdminResult> RotateKeyExclusiveAsync(AdminActor actor, string keyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var old = ApiKeyFormat.IsValidId(keyId) ? await store.GetKeyAsync(keyId, cancellationToken) : null;
        if (old is null) return AdminResult.Fail(404, $"no key with id '{Clip(keyId)}'");
        if (!old.IsLiveAt(now) || old.RotatedTo is not null) return AdminResult.Fail(409, $"key '{keyId}' is revoked, expired or already rotated");
        var generated = ApiKeyFormat.Generate();
        var graceUntil = now + accessOptions.RotationGrace;
        if (old.ExpiresAt is { } oe && oe < graceUntil) graceUntil = oe;
        var fresh = old with
        {
            Id = generated.Id, Hash = generated.Hash, CreatedAt = now, RevokedAt = null, RotatedFrom = keyId, RotatedTo = null, LastUsedAt = null,
        };
        StoreStatus status = StoreStatus.Applied;
        var applied = await ApplyAsync(actor, "key.rotate", keyId,
            new JsonObject { ["principal"] = old.PrincipalId, ["new_key_id"] = fresh.Id, ["old_valid_until"] = TimeSpec.Format(graceUntil) },
            async ct =>
            {
                var o = await store.RotateKeyAsync(keyId, fresh, graceUntil, ct);
                status = o.Status;
                return o;
            }, cancellationToken);
        if (applied is not null) return applied;
        if (status == StoreStatus.Conflict) return AdminResult.Fail(409, $"key '{keyId}' is revoked, expired or already rotated");
        var body = new JsonObject
        {
            ["id"] = fresh.Id, ["key"] = generated.Key, ["principal"] = fresh.PrincipalId, ["previous"] = keyId, ["previous_valid_until"] = TimeSpec.Format(graceUntil),
        };
        if (fresh.ExpiresAt is { } fe) body["expires"] = TimeSpec.Format(fe);
        return AdminResult.Success(body);
    }

    public async Task<AdminResult> ListKeysAsync(CancellationToken cancellationToken)
    {
        var snapshot = await store.LoadAsync(cancellationToken);
        var now = time.GetUtcNow();
        var keys = new JsonArray();
        foreach (var k in snapshot.Keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal))
        {
            var o = new JsonObject
            {
                ["id"] = k.Id, ["principal"] = k.PrincipalId, ["models"] = Array(k.Models), ["admin"] = k.IsAdmin, ["auditor"] = k.IsAuditor,
                ["created"] = TimeSpec.Format(k.CreatedAt), ["status"] = k.IsRevoked ? "revoked" : k.IsExpiredAt(now) ? "expired" : "active",
            };
            if (k.ExpiresAt is { } e) o["expires"] = TimeSpec.Format(e);
            if (k.RevokedAt is { } r) o["revoked"] = TimeSpec.Format(r);
            if (k.RotatedFrom is { } rf) o["rotated_from"] = rf;
            if (k.RotatedTo is { } rt) o["rotated_to"] = rt;
            if (k.LastUsedAt is { } lu) o["last_used"] = TimeSpec.Format(lu);
            keys.Add(o);
        }
        return AdminResult.Success(new JsonObject { ["keys"] = keys, ["version"] = snapshot.Version });
    }

    public async Task<AdminResult> ListPrincipalsAsync(CancellationToken cancellationToken)
    {
        var snapshot = await store.LoadAsync(cancellationToken);
        var list = new JsonArray();
        foreach (var p in snapshot.Principals.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            var o = new JsonObject
            {
                ["id"] = p.Id, ["groups"] = Array(p.Groups), ["suspended"] = p.Suspended, ["offender_level"] = p.OffenderLevel.ToString().ToLowerInvariant(),
                ["keys"] = snapshot.Keys.Count(k => k.PrincipalId == p.Id),
            };
            if (p.Tier is { } t) o["tier"] = t;
            if (p.RequestsPerMinute is { } rpm) o["requests_per_minute"] = rpm;
            if (p.TokensPerMinute is { } tpm) o["tokens_per_minute"] = tpm;
            list.Add(o);
        }
        return AdminResult.Success(new JsonObject { ["principals"] = list, ["version"] = snapshot.Version });
    }

    public async Task<AdminResult> UpsertPrincipalAsync(AdminActor actor, UpsertPrincipalRequest request, CancellationToken cancellationToken)
    {
        if (!Principal.IsValidId(request.Id)) return Bad("id must be 1-128 characters of letters, digits, '-', '_', '.', '@'");
        if (request.Groups.FirstOrDefault(g => !Principal.IsValidId(g)) is { } badGroup) return Bad($"invalid group name '{Clip(badGroup)}'");
        if (request.RequestsPerMinute is <= 0 || request.TokensPerMinute is <= 0) return Bad("limits must be positive");
        if (AdminText.HasControlCharacters(request.Tier)) return Bad(AdminText.Refusal("tier"));
        var now = time.GetUtcNow();
        var principal = new Principal
        {
            Id = request.Id, Groups = request.Groups.Distinct(StringComparer.Ordinal).ToArray(), Tier = request.Tier,
            RequestsPerMinute = request.RequestsPerMinute, TokensPerMinute = request.TokensPerMinute, CreatedAt = now, UpdatedAt = now,
        };
        var details = new JsonObject { ["groups"] = Array(principal.Groups) };
        if (principal.Tier is { } tier) details["tier"] = tier;
        if (principal.RequestsPerMinute is { } rpm) details["requests_per_minute"] = rpm;
        if (principal.TokensPerMinute is { } tpm) details["tokens_per_minute"] = tpm;
        var applied = await ApplyAsync(actor, "principal.update", principal.Id, details, ct => store.UpsertPrincipalAsync(principal, ct), cancellationToken);
        return applied ?? AdminResult.Success(new JsonObject { ["id"] = principal.Id, ["groups"] = Array(principal.Groups) });
    }

    public Task<AdminResult> SetSuspendedAsync(AdminActor actor, string principalId, bool suspend, CancellationToken cancellationToken) =>
        store.RunExclusiveAsync(ct => SetSuspendedExclusiveAsync(actor, principalId, suspend, ct), cancellationToken);

    private async Task<AdminResult> SetSuspendedExclusiveAsync(AdminActor actor, string principalId, bool suspend, CancellationToken cancellationToken)
    {
        var existing = Principal.IsValidId(principalId) ? await store.GetPrincipalAsync(principalId, cancellationToken) : null;
        if (existing is null) return AdminResult.Fail(404, $"no principal '{Clip(principalId)}'");
        if (existing.Suspended == suspend && (suspend || existing.OffenderLevel == OffenderLevel.None))
            return AdminResult.Success(new JsonObject { ["id"] = principalId, ["suspended"] = suspend, ["changed"] = false });
        var level = suspend ? OffenderLevel.Suspended : OffenderLevel.None;
        var applied = await ApplyAsync(actor, suspend ? "principal.suspend" : "principal.unsuspend", principalId,
            new JsonObject { ["previous_level"] = existing.OffenderLevel.ToString().ToLowerInvariant() },
            ct => store.SetOffenderStateAsync(principalId, level, suspend, time.GetUtcNow(), ct), cancellationToken);
        if (applied is not null) return applied;
        if (!suspend && offenders is not null)
        {
            try { await offenders.ResetAsync(principalId, cancellationToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { /* the window ages out by itself */ }
        }
        return AdminResult.Success(new JsonObject { ["id"] = principalId, ["suspended"] = suspend, ["changed"] = true });
    }

    public async Task<AdminResult> IssueDirectiveAsync(AdminActor actor, IssueDirectiveRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (string.IsNullOrEmpty(request.Model) || !options.Models.ContainsKey(request.Model)) return Bad($"unknown model '{Clip(request.Model ?? "")}'");
        if (request.AllowGroups.Count == 0) return Bad("allowGroups must name at least one group (use the kill switch to close a model to everyone)");
        if (request.AllowGroups.FirstOrDefault(g => !Principal.IsValidId(g)) is { } badGroup) return Bad($"invalid group name '{Clip(badGroup)}'");
        if (string.IsNullOrWhiteSpace(request.Reason)) return Bad("reason is required");
        if (request.Reason.Length > 1000) return Bad("reason is longer than 1000 characters");
        if (AdminText.HasControlCharacters(request.Reason)) return Bad(AdminText.Refusal("reason"));
        var effective = request.Effective ?? now;
        if (accessOptions.MaxDirectiveSkew > TimeSpan.Zero && (effective - now).Duration() > accessOptions.MaxDirectiveSkew)
            return Bad($"effective is more than {accessOptions.MaxDirectiveSkew.TotalDays:0} days from now");
        var directive = new Directive
        {
            Id = "dir_" + Guid.NewGuid().ToString("N")[..16], Model = request.Model, AllowGroups = request.AllowGroups.Distinct(StringComparer.Ordinal).ToArray(),
            Effective = effective, Reason = request.Reason, Issuer = actor.Actor, IssuedAt = now,
        };
        var details = new JsonObject
        {
            ["model"] = directive.Model, ["allow_groups"] = Array(directive.AllowGroups), ["effective"] = TimeSpec.Format(directive.Effective),
            ["directive_id"] = directive.Id, ["reason"] = directive.Reason,
        };
        var applied = await ApplyAsync(actor, "directive.issue", directive.Model, details, ct => store.AddDirectiveAsync(directive, ct), cancellationToken);
        return applied ?? AdminResult.Success(new JsonObject
        {
            ["id"] = directive.Id, ["model"] = directive.Model, ["allowGroups"] = Array(directive.AllowGroups), ["effective"] = TimeSpec.Format(directive.Effective),
        });
    }

    public async Task<AdminResult> ListDirectivesAsync(CancellationToken cancellationToken)
    {
        var snapshot = await store.LoadAsync(cancellationToken);
        var now = time.GetUtcNow();
        var list = new JsonArray();
        foreach (var d in snapshot.Directives)
        {
            var o = new JsonObject
            {
                ["id"] = d.Id, ["model"] = d.Model, ["allowGroups"] = Array(d.AllowGroups), ["effective"] = TimeSpec.Format(d.Effective),
                ["reason"] = d.Reason, ["issuer"] = d.Issuer, ["issued"] = TimeSpec.Format(d.IssuedAt),
                ["status"] = d.LiftedAt is not null ? "lifted" : d.IsActiveAt(now) ? "active" : "pending",
            };
            if (d.LiftedAt is { } l) o["lifted"] = TimeSpec.Format(l);
            list.Add(o);
        }
        return AdminResult.Success(new JsonObject { ["directives"] = list, ["version"] = snapshot.Version });
    }

    public Task<AdminResult> LiftDirectiveAsync(AdminActor actor, string directiveId, CancellationToken cancellationToken) =>
        store.RunExclusiveAsync(ct => LiftDirectiveExclusiveAsync(actor, directiveId, ct), cancellationToken);

    private async Task<AdminResult> LiftDirectiveExclusiveAsync(AdminActor actor, string directiveId, CancellationToken cancellationToken)
    {
        var snapshot = await store.LoadAsync(cancellationToken);
        var d = snapshot.Directives.FirstOrDefault(x => x.Id == directiveId);
        if (d is null) return AdminResult.Fail(404, $"no directive '{Clip(directiveId)}'");
        if (d.LiftedAt is not null) return AdminResult.Success(new JsonObject { ["id"] = directiveId, ["lifted"] = true, ["changed"] = false });
        var applied = await ApplyAsync(actor, "directive.lift", d.Model, new JsonObject { ["directive_id"] = d.Id, ["model"] = d.Model },
            ct => store.LiftDirectiveAsync(d.Id, actor.Actor, time.GetUtcNow(), ct), cancellationToken);
        return applied ?? AdminResult.Success(new JsonObject { ["id"] = directiveId, ["lifted"] = true, ["changed"] = true });
    }

    public async Task<AdminResult> LiftAllDirectivesAsync(AdminActor actor, CancellationToken cancellationToken)
    {
        var snapshot = await store.LoadAsync(cancellationToken);
        var lifted = new JsonArray();
        foreach (var d in snapshot.Directives.Where(d => d.LiftedAt is null))
        {
            var r = await LiftDirectiveAsync(actor, d.Id, cancellationToken);
            if (!r.Ok) return r;
            lifted.Add(d.Id);
        }
        return AdminResult.Success(new JsonObject { ["lifted"] = lifted });
    }

    public Task<AdminResult> SetKillSwitchAsync(AdminActor actor, string? scopeText, string? name, bool on, CancellationToken cancellationToken) =>
        store.RunExclusiveAsync(ct => SetKillSwitchExclusiveAsync(actor, scopeText, name, on, ct), cancellationToken);

    private async Task<AdminResult> SetKillSwitchExclusiveAsync(AdminActor actor, string? scopeText, string? name, bool on, CancellationToken cancellationToken)
    {
        if (!KillSwitch.TryParseScope(scopeText, out var scope)) return Bad("scope must be \"global\", \"model\" or \"upstream\"");
        name ??= "";
        switch (scope)
        {
            case KillSwitchScope.Global when name.Length > 0:
                return Bad("a global kill switch takes no name");
            case KillSwitchScope.Model when !options.Models.ContainsKey(name):
                return Bad($"unknown model '{Clip(name)}'");
            case KillSwitchScope.Upstream when !options.Upstreams.ContainsKey(name):
                return Bad($"unknown upstream '{Clip(name)}'");
        }
        var snapshot = await store.LoadAsync(cancellationToken);
        var current = snapshot.KillSwitches.FirstOrDefault(k => k.Scope == scope && k.Name == name);
        var scopeName = KillSwitch.ScopeName(scope);
        var body = new JsonObject { ["scope"] = scopeName, ["name"] = name, ["on"] = on };
        if ((current?.On ?? false) == on)
        {
            body["changed"] = false;
            return AdminResult.Success(body);
        }
        var ks = new KillSwitch(scope, name, on, actor.Actor, time.GetUtcNow());
        var applied = await ApplyAsync(actor, on ? "killswitch.on" : "killswitch.off", scope == KillSwitchScope.Global ? "global" : name,
            new JsonObject { ["scope"] = scopeName, ["name"] = name }, ct => store.SetKillSwitchAsync(ks, ct), cancellationToken);
        if (applied is not null) return applied;
        body["changed"] = true;
        return AdminResult.Success(body);
    }

    /// <summary>Audit, then apply, then propagate. Null when all went well; otherwise the error answer.</summary>
    private async Task<AdminResult?> ApplyAsync(AdminActor actor, string action, string target, JsonObject details,
        Func<CancellationToken, Task<StoreOutcome>> apply, CancellationToken cancellationToken)
    {
        var record = new AuditRecord
        {
            Kind = "admin", Time = time.GetUtcNow(), RequestId = actor.RequestId, Principal = actor.Actor, Protocol = "admin",
            Actor = actor.Actor, Action = action, Target = target, Details = details, Outcome = "ok",
        };
        if (actor.RequireAudit || auditor.IsAvailable)
        {
            try
            {
                await auditor.AppendAsync(record, cancellationToken);
            }
            catch (AuditUnavailableException ex)
            {
                return AdminResult.Fail(500, $"{action} refused: it could not be audited ({ex.Message}); nothing was changed");
            }
        }
        StoreOutcome outcome;
        try
        {
            outcome = await apply(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (auditor.IsAvailable)
            {
                try
                {
                    await auditor.AppendAsync(record with { Outcome = "error", Reason = "store_unavailable", Time = time.GetUtcNow() }, cancellationToken);
                }
                catch (AuditUnavailableException)
                {
                    // Already failing; the first record stands and the caller is told.
                }
            }
            return AdminResult.Fail(500, $"{action} failed: the {store.Name} store did not accept the change ({ex.GetType().Name})");
        }
        if (outcome.Status == StoreStatus.NotFound) return AdminResult.Fail(404, $"'{Clip(target)}' not found");
        if (outcome.Applied) await notifier.NotifyAsync(outcome.Version, cancellationToken);
        return null;
    }

    private static AdminResult Bad(string message) => AdminResult.Fail(400, message);

    private static JsonArray Array(IEnumerable<string> items) => new(items.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());

    private static string Clip(string s) => s.Length > 64 ? s[..64] + "…" : s.Replace('\n', ' ').Replace('\r', ' ');
}
