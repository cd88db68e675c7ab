using Bulwark.Core.Access;

namespace Bulwark.Core.Tests.Access;

public sealed class AccessStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ModelAccessRule Open = new("open", "sim", [], true);
    private static readonly ModelAccessRule Gated = new("gated", "sim", ["research"], true);
    private static readonly ModelAccessRule Other = new("other", "openai", [], true);

    private static (AccessState State, GeneratedApiKey Key) Build(
        Func<ApiKey, ApiKey>? key = null, Func<Principal, Principal>? principal = null,
        IReadOnlyList<Directive>? directives = null, IReadOnlyList<KillSwitch>? switches = null)
    {
        var g = ApiKeyFormat.Generate();
        var k = new ApiKey { Id = g.Id, PrincipalId = "alice", Hash = g.Hash, CreatedAt = Now.AddDays(-1) };
        var p = new Principal { Id = "alice", Groups = ["staff"] };
        var snapshot = new AccessSnapshot(7, [principal?.Invoke(p) ?? p], [key?.Invoke(k) ?? k], directives ?? [], switches ?? []);
        return (new AccessState(snapshot), g);
    }

    [Fact]
    public void Authenticate_LiveKey_Succeeds()
    {
        var (state, key) = Build();
        var auth = state.Authenticate(key.Key, Now);
        Assert.True(auth.Succeeded);
        Assert.Equal("alice", auth.Principal!.Id);
        Assert.Equal(7, state.Version);
    }

    [Fact]
    public void Authenticate_UnknownOrWrongSecret_IsInvalidKey()
    {
        var (state, key) = Build();
        Assert.Equal(AccessDenial.InvalidKey, state.Authenticate(ApiKeyFormat.Generate().Key, Now).Denial);
        var forged = "bwk_" + key.Id + "_" + new string('A', 43);
        Assert.Equal(AccessDenial.InvalidKey, state.Authenticate(forged, Now).Denial);
        Assert.Equal(AccessDenial.InvalidKey, state.Authenticate("", Now).Denial);
    }

    [Fact]
    public void Authenticate_RevokedKey_IsRevoked()
    {
        var (state, key) = Build(k => k with { RevokedAt = Now.AddMinutes(-1) });
        Assert.Equal(AccessDenial.Revoked, state.Authenticate(key.Key, Now).Denial);
    }

    [Fact]
    public void Authenticate_PastExpiry_IsExpiredButValidBefore()
    {
        var (state, key) = Build(k => k with { ExpiresAt = Now });
        Assert.Equal(AccessDenial.Expired, state.Authenticate(key.Key, Now).Denial);
        Assert.True(state.Authenticate(key.Key, Now.AddSeconds(-1)).Succeeded);
    }

    [Fact]
    public void Authorize_ModelGroupsWithoutCallerGroup_IsNotEntitled()
    {
        var (state, key) = Build();
        var auth = state.Authenticate(key.Key, Now);
        Assert.Equal(AccessDenial.NotEntitled, state.Authorize(auth.Key!, auth.Principal!, Gated, Now));
        Assert.Equal(AccessDenial.None, state.Authorize(auth.Key!, auth.Principal!, Open, Now));
    }

    [Fact]
    public void Authorize_KeyRestrictedToModels_RefusesOthers()
    {
        var (state, key) = Build(k => k with { Models = ["open"] });
        var auth = state.Authenticate(key.Key, Now);
        Assert.Equal(AccessDenial.None, state.Authorize(auth.Key!, auth.Principal!, Open, Now));
        Assert.Equal(AccessDenial.NotEntitled, state.Authorize(auth.Key!, auth.Principal!, Other, Now));
    }

    [Fact]
    public void Authorize_KillSwitches_RefuseTheirScopeOnly()
    {
        var (state, key) = Build(switches: [new KillSwitch(KillSwitchScope.Upstream, "openai", true, "ops", Now)]);
        var auth = state.Authenticate(key.Key, Now);
        Assert.Equal(AccessDenial.KillSwitch, state.Authorize(auth.Key!, auth.Principal!, Other, Now));
        Assert.Equal(AccessDenial.None, state.Authorize(auth.Key!, auth.Principal!, Open, Now));

        var (global, key2) = Build(switches: [new KillSwitch(KillSwitchScope.Global, "", true, "ops", Now)]);
        var auth2 = global.Authenticate(key2.Key, Now);
        Assert.Equal(AccessDenial.KillSwitch, global.Authorize(auth2.Key!, auth2.Principal!, Open, Now));

        var (off, key3) = Build(switches: [new KillSwitch(KillSwitchScope.Model, "open", false, "ops", Now)]);
        var auth3 = off.Authenticate(key3.Key, Now);
        Assert.Equal(AccessDenial.None, off.Authorize(auth3.Key!, auth3.Principal!, Open, Now));
    }

    [Fact]
    public void Authorize_Directive_AppliesFromEffectiveTimeUntilLifted()
    {
        var d = new Directive { Id = "d1", Model = "open", AllowGroups = ["research"], Effective = Now.AddMinutes(5), Reason = "incident" };
        var (state, key) = Build(directives: [d]);
        var auth = state.Authenticate(key.Key, Now);
        Assert.Equal(AccessDenial.None, state.Authorize(auth.Key!, auth.Principal!, Open, Now));
        Assert.Equal(AccessDenial.Directive, state.Authorize(auth.Key!, auth.Principal!, Open, Now.AddMinutes(5)));

        var (lifted, key2) = Build(directives: [d with { LiftedAt = Now.AddMinutes(6) }]);
        var auth2 = lifted.Authenticate(key2.Key, Now);
        Assert.Equal(AccessDenial.None, lifted.Authorize(auth2.Key!, auth2.Principal!, Open, Now.AddMinutes(10)));
    }

    [Fact]
    public void Authorize_DirectiveAllowingCallersGroup_Allows()
    {
        var d = new Directive { Id = "d1", Model = "open", AllowGroups = ["staff"], Effective = Now.AddMinutes(-1) };
        var (state, key) = Build(directives: [d]);
        var auth = state.Authenticate(key.Key, Now);
        Assert.Equal(AccessDenial.None, state.Authorize(auth.Key!, auth.Principal!, Open, Now));
    }

    [Fact]
    public void Authorize_SuspendedPrincipal_IsSuspended()
    {
        var (state, key) = Build(principal: p => p with { Suspended = true, OffenderLevel = OffenderLevel.Suspended });
        var auth = state.Authenticate(key.Key, Now);
        Assert.Equal(AccessDenial.Suspended, state.Authorize(auth.Key!, auth.Principal!, Open, Now));
    }

    [Fact]
    public void Recheck_RevokedKey_IsRevokedAndUnknownIsInvalid()
    {
        var (state, key) = Build(k => k with { RevokedAt = Now });
        Assert.Equal(AccessDenial.Revoked, state.Recheck(key.Id, "open", Open, Now));
        Assert.Equal(AccessDenial.InvalidKey, state.Recheck("zzzzzzzz", null, null, Now));
    }

    [Fact]
    public void HasAdminKey_OnlyLiveAdminKeysCount()
    {
        var (plain, _) = Build();
        Assert.False(plain.HasAdminKey(Now));
        var (admin, _) = Build(k => k with { IsAdmin = true });
        Assert.True(admin.HasAdminKey(Now));
        var (revoked, _) = Build(k => k with { IsAdmin = true, RevokedAt = Now });
        Assert.False(revoked.HasAdminKey(Now));
    }
}
