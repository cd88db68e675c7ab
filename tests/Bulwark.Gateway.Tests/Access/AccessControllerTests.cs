using Bulwark.Gateway.Access;
using Bulwark.Gateway.Access.Admin;

namespace Bulwark.Gateway.Tests.Access;

public sealed class AccessControllerTests
{
    [Fact]
    public async Task AuthorizeAsync_LiveKeyOpenModel_AllowsWithCaller()
    {
        await using var host = await AccessTestHost.StartAsync();
        var (id, key) = await host.CreateKeyAsync("alice", ["staff"]);
        var d = await host.AuthorizeAsync(key, "open");
        Assert.True(d.Allowed, d.Code);
        Assert.Equal("alice", d.Caller.PrincipalId);
        Assert.Equal(id, d.Caller.KeyId);
        Assert.Equal(["staff"], d.Caller.Groups);
        Assert.False(d.IsAdmin);
        Assert.False(d.Withdrawn.IsCancellationRequested);
        Assert.Equal("access", host.Controller.Name);
    }

    [Fact]
    public async Task AuthorizeAsync_BadKeys_Uniform401()
    {
        await using var host = await AccessTestHost.StartAsync();
        var (id, key) = await host.CreateKeyAsync("bob");
        var (expiredId, expiredKey) = await host.CreateKeyAsync("bob", expires: AccessTestHost.Start.AddMinutes(1));
        await host.Admin.RevokeKeyAsync(host.Actor, id, CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        await host.RoundAsync();

        var none = await host.AuthorizeAsync(null, "open");
        var garbage = await host.AuthorizeAsync("sk-not-a-bulwark-key", "open");
        var unknown = await host.AuthorizeAsync(Bulwark.Core.Access.ApiKeyFormat.Generate().Key, "open");
        var revoked = await host.AuthorizeAsync(key, "open");
        var expired = await host.AuthorizeAsync(expiredKey, null);

        foreach (var d in new[] { none, garbage, unknown, revoked, expired })
        {
            Assert.False(d.Allowed);
            Assert.Equal(401, d.StatusCode);
            Assert.Equal(AccessCodes.UniformUnauthorizedMessage, d.Message);
            Assert.DoesNotContain(key, d.Message, StringComparison.Ordinal);
        }
        Assert.Equal(AccessCodes.InvalidApiKey, none.Code);
        Assert.Equal(AccessCodes.InvalidApiKey, garbage.Code);
        Assert.Equal(AccessCodes.InvalidApiKey, unknown.Code);
        Assert.Equal(AccessCodes.Revoked, revoked.Code);
        Assert.Equal(AccessCodes.Expired, expired.Code);
        Assert.Equal(expiredId, expired.Caller.KeyId);
    }

    [Fact]
    public async Task AuthorizeAsync_ModelNotForCallersGroups_403NotEntitledAndHiddenFromModels()
    {
        await using var host = await AccessTestHost.StartAsync();
        var (_, staff) = await host.CreateKeyAsync("carol", ["staff"]);
        var (_, researcher) = await host.CreateKeyAsync("rita", ["research"]);
        var denied = await host.AuthorizeAsync(staff, "gated");
        Assert.Equal(403, denied.StatusCode);
        Assert.Equal(AccessCodes.NotEntitled, denied.Code);
        Assert.True((await host.AuthorizeAsync(researcher, "gated")).Allowed);

        var caller = await host.AuthorizeAsync(staff, null);
        Assert.Equal(["open", "relaxed"], host.Controller.VisibleModels(caller, ["open", "gated", "relaxed"]));
        var r = await host.AuthorizeAsync(researcher, null);
        Assert.Equal(["open", "gated", "relaxed"], host.Controller.VisibleModels(r, ["open", "gated", "relaxed"]));
        Assert.Empty(host.Controller.VisibleModels(await host.AuthorizeAsync("nope", null), ["open"]));
    }

    [Fact]
    public async Task AuthorizeAsync_KeyRestrictedToModels_OnlyThose()
    {
        await using var host = await AccessTestHost.StartAsync();
        var (_, key) = await host.CreateKeyAsync("dora", models: ["relaxed"]);
        Assert.True((await host.AuthorizeAsync(key, "relaxed")).Allowed);
        Assert.Equal(AccessCodes.NotEntitled, (await host.AuthorizeAsync(key, "open")).Code);
        Assert.True((await host.AuthorizeAsync(key, null)).Allowed);
    }

    [Fact]
    public async Task AuthorizeAsync_UnknownModel_404UnknownModelAfterAuthentication()
    {
        await using var host = await AccessTestHost.StartAsync();
        var (_, key) = await host.CreateKeyAsync("ed");
        var d = await host.AuthorizeAsync(key, "gpt-17");
        Assert.Equal(404, d.StatusCode);
        Assert.Equal(AccessCodes.UnknownModel, d.Code);
        Assert.Equal(401, (await host.AuthorizeAsync("bad", "gpt-17")).StatusCode);
    }

    [Fact]
    public async Task AuthorizeAsync_DirectiveForOtherGroups_403DirectiveUntilLifted()
    {
        await using var host = await AccessTestHost.StartAsync();
        var (_, staff) = await host.CreateKeyAsync("fay", ["staff"]);
        var (_, ops) = await host.CreateKeyAsync("olga", ["ops"]);
        var issued = await host.Admin.IssueDirectiveAsync(host.Actor, new IssueDirectiveRequest("open", ["ops"], null, "incident 7"), CancellationToken.None);
        Assert.True(issued.Ok, issued.Error);
        var d = await host.AuthorizeAsync(staff, "open");
        Assert.Equal(403, d.StatusCode);
        Assert.Equal(AccessCodes.Directive, d.Code);
        Assert.True((await host.AuthorizeAsync(ops, "open")).Allowed);
        Assert.DoesNotContain("open", host.Controller.VisibleModels(await host.AuthorizeAsync(staff, null), ["open", "relaxed"]));

        var lift = await host.Admin.LiftDirectiveAsync(host.Actor, issued.Body!["id"]!.GetValue<string>(), CancellationToken.None);
        Assert.True(lift.Ok);
        Assert.True((await host.AuthorizeAsync(staff, "open")).Allowed);
    }

    [Fact]
    public async Task AuthorizeAsync_FutureDirective_AppliesByTheNodesClock()
    {
        await using var host = await AccessTestHost.StartAsync();
        var (_, staff) = await host.CreateKeyAsync("gus", ["staff"]);
        var r = await host.Admin.IssueDirectiveAsync(host.Actor, new IssueDirectiveRequest("open", ["ops"], AccessTestHost.Start.AddMinutes(10), "planned"), CancellationToken.None);
        Assert.True(r.Ok, r.Error);
        var before = await host.AuthorizeAsync(staff, "open");
        Assert.True(before.Allowed);
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await host.RoundAsync();
        Assert.Equal(AccessCodes.Directive, (await host.AuthorizeAsync(staff, "open")).Code);
        Assert.True(before.Withdrawn.IsCancellationRequested);
    }

    [Fact]
    public async Task AuthorizeAsync_KillSwitches_403KillSwitchForTheirScope()
    {
        await using var host = await AccessTestHost.StartAsync();
        var (_, key) = await host.CreateKeyAsync("hal");
        Assert.True((await host.Admin.SetKillSwitchAsync(host.Actor, "upstream", "other", true, CancellationToken.None)).Ok);
        Assert.Equal(AccessCodes.KillSwitch, (await host.AuthorizeAsync(key, "relaxed")).Code);
        Assert.True((await host.AuthorizeAsync(key, "open")).Allowed);
        Assert.True((await host.Admin.SetKillSwitchAsync(host.Actor, "global", null, true, CancellationToken.None)).Ok);
        Assert.Equal(403, (await host.AuthorizeAsync(key, "open")).StatusCode);
        Assert.True((await host.AuthorizeAsync(key, null)).Allowed);
        Assert.True((await host.Admin.SetKillSwitchAsync(host.Actor, "global", null, false, CancellationToken.None)).Ok);
        Assert.True((await host.AuthorizeAsync(key, "open")).Allowed);
    }

    [Fact]
    public async Task AuthorizeAsync_StateNotConfirmedWithinMaxStaleness_503ForProtectedOnly()
    {
        await using var host = await AccessTestHost.StartAsync();
        var (_, key) = await host.CreateKeyAsync("ian");
        Assert.True(host.Manager.IsFresh);
        host.Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.False(host.Manager.IsFresh);
        var stale = await host.AuthorizeAsync(key, "open");
        Assert.Equal(503, stale.StatusCode);
        Assert.Equal(AccessCodes.StaleState, stale.Code);
        Assert.True((await host.AuthorizeAsync(key, "relaxed")).Allowed);
        await host.RoundAsync();
        Assert.True((await host.AuthorizeAsync(key, "open")).Allowed);
    }

    [Fact]
    public async Task AuthorizeAsync_AllowStale_ServesProtectedWhenStale()
    {
        await using var host = await AccessTestHost.StartAsync(o => o with { AllowStale = true });
        var (_, key) = await host.CreateKeyAsync("jan");
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await host.AuthorizeAsync(key, "open")).Allowed);
    }

    [Fact]
    public async Task AuthorizeAsync_StoreGone_StaysStaleAndRefuses()
    {
        await using var host = await AccessTestHost.StartAsync();
        var (_, key) = await host.CreateKeyAsync("kim");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(Path.Combine(host.Directory, "bulwark.db"));
        Directory.CreateDirectory(Path.Combine(host.Directory, "bulwark.db")); // a folder where the file was: opening fails
        host.Clock.Advance(TimeSpan.FromSeconds(6));
        await host.RoundAsync();
        Assert.False(host.Manager.StoreReachable);
        Assert.Equal(503, (await host.AuthorizeAsync(key, "open")).StatusCode);
    }

    [Fact]
    public async Task AuthorizeAsync_OverRequestsPerMinute_429WithRetryAfterThenNextMinuteOk()
    {
        await using var host = await AccessTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Bulwark:Limits:RequestsPerMinute"] = "3" });
        var (_, key) = await host.CreateKeyAsync("lou");
        for (var i = 0; i < 3; i++) Assert.True((await host.AuthorizeAsync(key, "open")).Allowed);
        var limited = await host.AuthorizeAsync(key, "open");
        Assert.Equal(429, limited.StatusCode);
        Assert.Equal(AccessCodes.RateLimited, limited.Code);
        Assert.InRange(limited.RetryAfterSeconds!.Value, 1, 60);
        host.Clock.Advance(TimeSpan.FromSeconds(60));
        await host.RoundAsync();
        Assert.True((await host.AuthorizeAsync(key, "open")).Allowed);
    }

    [Fact]
    public async Task AuthorizeAsync_PrincipalOverrideLimit_AppliesAcrossItsKeys()
    {
        await using var host = await AccessTestHost.StartAsync();
        var (_, k1) = await host.CreateKeyAsync("max");
        var (_, k2) = await host.CreateKeyAsync("max");
        Assert.True((await host.Admin.UpsertPrincipalAsync(host.Actor, new UpsertPrincipalRequest("max", [], null, 2, null), CancellationToken.None)).Ok);
        Assert.True((await host.AuthorizeAsync(k1, "open")).Allowed);
        Assert.True((await host.AuthorizeAsync(k2, "open")).Allowed);
        Assert.Equal(429, (await host.AuthorizeAsync(k1, "open")).StatusCode);
    }

    [Fact]
    public async Task RecordOutcomeAsync_TokensOverBudget_Next429()
    {
        await using var host = await AccessTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Bulwark:Limits:TokensPerMinute"] = "100" });
        var (_, key) = await host.CreateKeyAsync("ned");
        var d = await host.AuthorizeAsync(key, "open");
        await host.Controller.RecordOutcomeAsync(d, "open", 60, blocked: false, CancellationToken.None);
        Assert.True((await host.AuthorizeAsync(key, "open")).Allowed);
        await host.Controller.RecordOutcomeAsync(d, "open", 60, blocked: false, CancellationToken.None);
        Assert.Equal(429, (await host.AuthorizeAsync(key, "open")).StatusCode);
    }

    [Fact]
    public async Task AuthorizeAsync_ManyFailuresFromOneAddress_429ForGuessesButValidKeysThereKeepWorking()
    {
        await using var host = await AccessTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Bulwark:Limits:FailedAuthPerMinute"] = "3" });
        var (_, key) = await host.CreateKeyAsync("oz");
        for (var i = 0; i < 3; i++) Assert.Equal(401, (await host.AuthorizeAsync("guess" + i, "open", "10.9.9.9")).StatusCode);
        var blocked = await host.AuthorizeAsync("guess-more", "open", "10.9.9.9");
        Assert.Equal(429, blocked.StatusCode);
        Assert.True(blocked.Unauthenticated);
        Assert.NotNull(blocked.RetryAfterSeconds);
        // Issue 11, defect 3: one client's bad keys no longer lock out the valid keys used from the same address.
        Assert.True((await host.AuthorizeAsync(key, "open", "10.9.9.9")).Allowed);
        Assert.True((await host.AuthorizeAsync(key, "open", "10.1.1.1")).Allowed);
    }

    [Fact]
    public async Task Withdrawn_KeyRevokedDuringRequest_Fires()
    {
        await using var host = await AccessTestHost.StartAsync();
        var (id, key) = await host.CreateKeyAsync("pat");
        var (_, other) = await host.CreateKeyAsync("pat");
        var d = await host.AuthorizeAsync(key, "open");
        var unrelated = await host.AuthorizeAsync(other, "open");
        Assert.False(d.Withdrawn.IsCancellationRequested);
        await host.Admin.RevokeKeyAsync(host.Actor, id, CancellationToken.None);
        Assert.True(d.Withdrawn.IsCancellationRequested);
        Assert.False(unrelated.Withdrawn.IsCancellationRequested);
    }

    [Fact]
    public async Task Withdrawn_KillSwitchOnModel_FiresOnlyForThatModel()
    {
        await using var host = await AccessTestHost.StartAsync();
        var (_, key) = await host.CreateKeyAsync("quinn");
        var onOpen = await host.AuthorizeAsync(key, "open");
        var onRelaxed = await host.AuthorizeAsync(key, "relaxed");
        await host.Admin.SetKillSwitchAsync(host.Actor, "model", "open", true, CancellationToken.None);
        Assert.True(onOpen.Withdrawn.IsCancellationRequested);
        Assert.False(onRelaxed.Withdrawn.IsCancellationRequested);
        await host.Admin.SetKillSwitchAsync(host.Actor, "model", "open", false, CancellationToken.None);
        var again = await host.AuthorizeAsync(key, "open");
        Assert.True(again.Allowed);
        Assert.False(again.Withdrawn.IsCancellationRequested);
    }

    [Fact]
    public async Task RotateKeyAsync_BothKeysWorkDuringGrace()
    {
        await using var host = await AccessTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Bulwark:Access:RotationGrace"] = "00:10:00" });
        var (id, key) = await host.CreateKeyAsync("ray");
        var rotated = await host.Admin.RotateKeyAsync(host.Actor, id, CancellationToken.None);
        Assert.True(rotated.Ok, rotated.Error);
        var newKey = rotated.Body!["key"]!.GetValue<string>();
        Assert.True((await host.AuthorizeAsync(key, "open")).Allowed);
        Assert.True((await host.AuthorizeAsync(newKey, "open")).Allowed);
        host.Clock.Advance(TimeSpan.FromMinutes(11));
        await host.RoundAsync();
        Assert.Equal(AccessCodes.Expired, (await host.AuthorizeAsync(key, "open")).Code);
        Assert.True((await host.AuthorizeAsync(newKey, "open")).Allowed);
        Assert.Equal(409, (await host.Admin.RotateKeyAsync(host.Actor, id, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task RecordOutcomeAsync_RepeatedBlocks_FlagThrottleSuspendAuditedAndUnsuspendLifts()
    {
        await using var host = await AccessTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Bulwark:Offenders:FlagAfter"] = "1", ["Bulwark:Offenders:ThrottleAfter"] = "2", ["Bulwark:Offenders:SuspendAfter"] = "3",
            ["Bulwark:Limits:RequestsPerMinute"] = "1000", ["Bulwark:Limits:ThrottleFactor"] = "0.5",
        });
        var (_, key) = await host.CreateKeyAsync("sam");
        var d = await host.AuthorizeAsync(key, "open");
        await host.Controller.RecordOutcomeAsync(d, "open", 0, blocked: true, CancellationToken.None);
        Assert.Equal(Bulwark.Core.Access.OffenderLevel.Flagged, host.Manager.Current.FindPrincipal("sam")!.OffenderLevel);
        await host.Controller.RecordOutcomeAsync(d, "open", 0, blocked: true, CancellationToken.None);
        Assert.Equal(Bulwark.Core.Access.OffenderLevel.Throttled, host.Manager.Current.FindPrincipal("sam")!.OffenderLevel);
        Assert.True((await host.AuthorizeAsync(key, "open")).Allowed);
        await host.Controller.RecordOutcomeAsync(d, "open", 0, blocked: true, CancellationToken.None);
        var suspended = await host.AuthorizeAsync(key, "open");
        Assert.Equal(403, suspended.StatusCode);
        Assert.Equal(AccessCodes.Suspended, suspended.Code);
        Assert.True(d.Withdrawn.IsCancellationRequested);

        var records = await host.AuditRecordsAsync();
        Assert.Equal(["principal.flag", "principal.throttle", "principal.suspend"],
            records.Where(r => r["kind"]!.GetValue<string>() == "offender").Select(r => r["action"]!.GetValue<string>()));

        var lift = await host.Admin.SetSuspendedAsync(host.Actor, "sam", false, CancellationToken.None);
        Assert.True(lift.Ok, lift.Error);
        Assert.True((await host.AuthorizeAsync(key, "open")).Allowed);
        Assert.Contains(await host.AuditRecordsAsync(), r => r["action"]?.GetValue<string>() == "principal.unsuspend" && r["target"]!.GetValue<string>() == "sam");
        // The window was reset: one new block only flags again.
        await host.Controller.RecordOutcomeAsync(d, "open", 0, blocked: true, CancellationToken.None);
        Assert.Equal(Bulwark.Core.Access.OffenderLevel.Flagged, host.Manager.Current.FindPrincipal("sam")!.OffenderLevel);
    }

    [Fact]
    public async Task AuthorizeAsync_ThrottledPrincipal_GetsLowerRate()
    {
        await using var host = await AccessTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Bulwark:Offenders:FlagAfter"] = "1", ["Bulwark:Offenders:ThrottleAfter"] = "1", ["Bulwark:Offenders:SuspendAfter"] = "50",
            ["Bulwark:Limits:RequestsPerMinute"] = "20", ["Bulwark:Limits:ThrottleFactor"] = "0.1",
        });
        var (_, key) = await host.CreateKeyAsync("tess");
        var d = await host.AuthorizeAsync(key, "open");
        await host.Controller.RecordOutcomeAsync(d, "open", 0, blocked: true, CancellationToken.None);
        // 20 * 0.1 = 2 per minute; one already used this minute.
        Assert.True((await host.AuthorizeAsync(key, "open")).Allowed);
        Assert.Equal(429, (await host.AuthorizeAsync(key, "open")).StatusCode);
    }
}
