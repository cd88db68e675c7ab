using Bulwark.Core.Access;
using Bulwark.Gateway.Access.Stores;

namespace Bulwark.Gateway.Tests.Access.Stores;

/// <summary>The behaviour every <see cref="IAccessStore"/> must have; run against SQLite and PostgreSQL.</summary>
public abstract class AccessStoreConformanceTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    protected IAccessStore Store { get; private set; } = null!;

    /// <summary>A fresh, empty store (not migrated).</summary>
    protected abstract Task<IAccessStore> CreateStoreAsync();

    /// <summary>Another store object over the same database (a second process, in effect).</summary>
    protected abstract IAccessStore OpenAgain();

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.MigrateAsync(CancellationToken.None);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static ApiKey NewKey(string principal, out GeneratedApiKey generated, bool admin = false, DateTimeOffset? expires = null, string[]? models = null)
    {
        generated = ApiKeyFormat.Generate();
        return new ApiKey
        {
            Id = generated.Id, PrincipalId = principal, Hash = generated.Hash, CreatedAt = T0, IsAdmin = admin, ExpiresAt = expires, Models = models ?? [],
        };
    }

    [Fact]
    public async Task MigrateAsync_RunTwiceAndConcurrently_IsIdempotent()
    {
        await Store.MigrateAsync(CancellationToken.None);
        var others = Enumerable.Range(0, 3).Select(_ => OpenAgain()).ToArray();
        await Task.WhenAll(others.Select(s => s.MigrateAsync(CancellationToken.None)));
        Assert.Equal(0, await Store.GetVersionAsync(CancellationToken.None));
        var empty = await Store.LoadAsync(CancellationToken.None);
        Assert.Empty(empty.Keys);
    }

    [Fact]
    public async Task CreateKeyAsync_NewPrincipal_StoresHashOnlyAndBumpsVersion()
    {
        var key = NewKey("alice", out var generated, models: ["bulwark-sim"]);
        var outcome = await Store.CreateKeyAsync(key, ["staff", "research"], CancellationToken.None);
        Assert.Equal(StoreStatus.Applied, outcome.Status);
        Assert.Equal(1, outcome.Version);
        var snap = await OpenAgain().LoadAsync(CancellationToken.None);
        Assert.Equal(1, snap.Version);
        var stored = Assert.Single(snap.Keys);
        Assert.Equal(generated.Hash, stored.Hash);
        Assert.Equal(["bulwark-sim"], stored.Models);
        Assert.Equal(T0, stored.CreatedAt);
        var p = Assert.Single(snap.Principals);
        Assert.Equal(["staff", "research"], p.Groups);
        Assert.True(new AccessState(snap).Authenticate(generated.Key, T0).Succeeded);
    }

    [Fact]
    public async Task CreateKeyAsync_ExistingPrincipal_MergesGroups()
    {
        await Store.CreateKeyAsync(NewKey("bob", out _), ["a"], CancellationToken.None);
        var v = await Store.CreateKeyAsync(NewKey("bob", out _), ["b", "a"], CancellationToken.None);
        Assert.Equal(2, v.Version);
        var p = await Store.GetPrincipalAsync("bob", CancellationToken.None);
        Assert.Equal(["a", "b"], p!.Groups);
    }

    [Fact]
    public async Task RevokeKeyAsync_Twice_SecondIsUnchangedAndUnknownIsNotFound()
    {
        var key = NewKey("carol", out var g);
        await Store.CreateKeyAsync(key, [], CancellationToken.None);
        var first = await Store.RevokeKeyAsync(key.Id, T0.AddMinutes(1), CancellationToken.None);
        Assert.Equal(StoreStatus.Applied, first.Status);
        Assert.Equal(2, first.Version);
        Assert.Equal(StoreStatus.Unchanged, (await Store.RevokeKeyAsync(key.Id, T0.AddMinutes(2), CancellationToken.None)).Status);
        Assert.Equal(StoreStatus.NotFound, (await Store.RevokeKeyAsync("nokey123", T0, CancellationToken.None)).Status);
        Assert.Equal(2, await Store.GetVersionAsync(CancellationToken.None));
        var stored = await Store.GetKeyAsync(key.Id, CancellationToken.None);
        Assert.Equal(T0.AddMinutes(1), stored!.RevokedAt);
        var state = new AccessState(await Store.LoadAsync(CancellationToken.None));
        Assert.Equal(AccessDenial.Revoked, state.Authenticate(g.Key, T0.AddMinutes(1)).Denial);
    }

    [Fact]
    public async Task RotateKeyAsync_LiveKey_BothValidDuringGraceThenOnlyNew()
    {
        var old = NewKey("dave", out var oldSecret, models: ["m1"]);
        await Store.CreateKeyAsync(old, [], CancellationToken.None);
        var fresh = NewKey("dave", out var newSecret, models: ["m1"]) with { CreatedAt = T0.AddMinutes(1) };
        var outcome = await Store.RotateKeyAsync(old.Id, fresh, T0.AddHours(1), CancellationToken.None);
        Assert.Equal(StoreStatus.Applied, outcome.Status);
        var state = new AccessState(await Store.LoadAsync(CancellationToken.None));
        Assert.True(state.Authenticate(oldSecret.Key, T0.AddMinutes(30)).Succeeded);
        Assert.True(state.Authenticate(newSecret.Key, T0.AddMinutes(30)).Succeeded);
        Assert.Equal(AccessDenial.Expired, state.Authenticate(oldSecret.Key, T0.AddHours(1)).Denial);
        Assert.True(state.Authenticate(newSecret.Key, T0.AddHours(2)).Succeeded);
        Assert.Equal(fresh.Id, state.FindKey(old.Id)!.RotatedTo);
        Assert.Equal(old.Id, state.FindKey(fresh.Id)!.RotatedFrom);
        // Rotating the same key again conflicts; an unknown key is not found.
        var again = NewKey("dave", out _) with { CreatedAt = T0.AddMinutes(2) };
        Assert.Equal(StoreStatus.Conflict, (await Store.RotateKeyAsync(old.Id, again, T0.AddHours(1), CancellationToken.None)).Status);
        Assert.Equal(StoreStatus.NotFound, (await Store.RotateKeyAsync("nokey123", again, T0.AddHours(1), CancellationToken.None)).Status);
    }

    [Fact]
    public async Task RotateKeyAsync_EarlierOwnExpiry_IsKept()
    {
        var old = NewKey("erin", out _, expires: T0.AddMinutes(10));
        await Store.CreateKeyAsync(old, [], CancellationToken.None);
        await Store.RotateKeyAsync(old.Id, NewKey("erin", out _) with { CreatedAt = T0.AddMinutes(1) }, T0.AddDays(1), CancellationToken.None);
        Assert.Equal(T0.AddMinutes(10), (await Store.GetKeyAsync(old.Id, CancellationToken.None))!.ExpiresAt);
    }

    [Fact]
    public async Task SetOffenderStateAsync_SuspendAndLift_RoundTrips()
    {
        await Store.CreateKeyAsync(NewKey("frank", out _), [], CancellationToken.None);
        Assert.Equal(StoreStatus.Applied, (await Store.SetOffenderStateAsync("frank", OffenderLevel.Suspended, true, T0, CancellationToken.None)).Status);
        Assert.Equal(StoreStatus.Unchanged, (await Store.SetOffenderStateAsync("frank", OffenderLevel.Suspended, true, T0, CancellationToken.None)).Status);
        var p = await Store.GetPrincipalAsync("frank", CancellationToken.None);
        Assert.True(p!.Suspended);
        Assert.Equal(OffenderLevel.Suspended, p.OffenderLevel);
        await Store.SetOffenderStateAsync("frank", OffenderLevel.None, false, T0, CancellationToken.None);
        Assert.False((await Store.GetPrincipalAsync("frank", CancellationToken.None))!.Suspended);
        Assert.Equal(StoreStatus.NotFound, (await Store.SetOffenderStateAsync("nobody", OffenderLevel.Flagged, false, T0, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task UpsertPrincipalAsync_LimitsAndGroups_RoundTrip()
    {
        await Store.UpsertPrincipalAsync(new Principal { Id = "gina", Groups = ["x"], Tier = "gold", RequestsPerMinute = 5, TokensPerMinute = 50, CreatedAt = T0, UpdatedAt = T0 }, CancellationToken.None);
        await Store.UpsertPrincipalAsync(new Principal { Id = "gina", Groups = ["y"], RequestsPerMinute = 7, CreatedAt = T0, UpdatedAt = T0 }, CancellationToken.None);
        var p = await Store.GetPrincipalAsync("gina", CancellationToken.None);
        Assert.Equal(["y"], p!.Groups);
        Assert.Null(p.Tier);
        Assert.Equal(7, p.RequestsPerMinute);
        Assert.Null(p.TokensPerMinute);
    }

    [Fact]
    public async Task Directives_AddAndLift_RoundTripAndLiftTwiceIsUnchanged()
    {
        var d = new Directive { Id = "dir_1", Model = "bulwark-sim", AllowGroups = ["research", "ops"], Effective = T0.AddMinutes(5), Reason = "incident 42", Issuer = "root", IssuedAt = T0 };
        var v = await Store.AddDirectiveAsync(d, CancellationToken.None);
        var loaded = Assert.Single((await Store.LoadAsync(CancellationToken.None)).Directives);
        Assert.Equal(d with { AllowGroups = [] }, loaded with { AllowGroups = [] });
        Assert.Equal(["research", "ops"], loaded.AllowGroups);
        var lift = await Store.LiftDirectiveAsync("dir_1", "root", T0.AddMinutes(9), CancellationToken.None);
        Assert.Equal(v.Version + 1, lift.Version);
        Assert.Equal(StoreStatus.Unchanged, (await Store.LiftDirectiveAsync("dir_1", "root", T0.AddMinutes(9), CancellationToken.None)).Status);
        Assert.Equal(StoreStatus.NotFound, (await Store.LiftDirectiveAsync("dir_x", "root", T0, CancellationToken.None)).Status);
        var lifted = Assert.Single((await Store.LoadAsync(CancellationToken.None)).Directives);
        Assert.Equal(T0.AddMinutes(9), lifted.LiftedAt);
        Assert.Equal("root", lifted.LiftedBy);
    }

    [Fact]
    public async Task SetKillSwitchAsync_OnOnOff_BumpsOnlyOnChange()
    {
        var on = new KillSwitch(KillSwitchScope.Model, "bulwark-sim", true, "root", T0);
        Assert.Equal(StoreStatus.Applied, (await Store.SetKillSwitchAsync(on, CancellationToken.None)).Status);
        Assert.Equal(StoreStatus.Unchanged, (await Store.SetKillSwitchAsync(on, CancellationToken.None)).Status);
        Assert.Equal(1, await Store.GetVersionAsync(CancellationToken.None));
        Assert.Equal(StoreStatus.Applied, (await Store.SetKillSwitchAsync(on with { On = false }, CancellationToken.None)).Status);
        Assert.Equal(2, await Store.GetVersionAsync(CancellationToken.None));
        await Store.SetKillSwitchAsync(new KillSwitch(KillSwitchScope.Global, "", true, "root", T0), CancellationToken.None);
        var snap = await Store.LoadAsync(CancellationToken.None);
        Assert.Equal(2, snap.KillSwitches.Count);
        Assert.True(new AccessState(snap).GlobalKill);
    }

    [Fact]
    public async Task TouchKeysAsync_RecordsLastUsedWithoutVersionBumpAndNeverMovesBack()
    {
        var key = NewKey("hank", out _);
        await Store.CreateKeyAsync(key, [], CancellationToken.None);
        await Store.TouchKeysAsync([new(key.Id, T0.AddMinutes(5))], CancellationToken.None);
        await Store.TouchKeysAsync([new(key.Id, T0.AddMinutes(3)), new("nokey123", T0)], CancellationToken.None);
        Assert.Equal(T0.AddMinutes(5), (await Store.GetKeyAsync(key.Id, CancellationToken.None))!.LastUsedAt);
        Assert.Equal(1, await Store.GetVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Version_ConcurrentChangesFromSeveralStores_AreAllCountedOnce()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => OpenAgain()).ToArray();
        var versions = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            stores[i % stores.Length].CreateKeyAsync(NewKey("p" + (i % 3), out _), ["g"], CancellationToken.None)));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), versions.Select(v => v.Version).Order());
        Assert.Equal(20, await Store.GetVersionAsync(CancellationToken.None));
        Assert.Equal(20, (await Store.LoadAsync(CancellationToken.None)).Keys.Count);
    }
}
