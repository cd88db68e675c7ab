using System.Text.Json.Nodes;
using Bulwark.Gateway.Access.Propagation;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Gateway.Tests.Access.Admin;

public sealed class AdminApiTests : IAsyncLifetime
{
    private GatewayTestServer _gw = null!;

    public async Task InitializeAsync() => _gw = await GatewayTestServer.StartAsync();

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    private long Version => _gw.App.Services.GetRequiredService<AccessStateManager>().Version;

    private async Task<IReadOnlyList<JsonObject>> AdminAuditAsync()
    {
        var store = _gw.App.Services.GetRequiredService<IAuditStore>();
        var size = await store.GetSizeAsync(CancellationToken.None);
        var leaves = await store.ReadLeavesAsync(0, (int)size, CancellationToken.None);
        return leaves.Select(l => (JsonObject)JsonNode.Parse(l.Data)!).Where(r => r["kind"]!.GetValue<string>() == "admin").ToArray();
    }

    private static void AssertError(int expectedStatus, (int Status, JsonObject? Body) r)
    {
        Assert.Equal(expectedStatus, r.Status);
        Assert.Equal("invalid_request_error", r.Body!["error"]!["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(r.Body["error"]!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Admin_NoKeyUserKeyAdminKey_401Then403Then200()
    {
        var (_, user) = await _gw.CreateKeyAsync("alice");
        AssertError(401, await _gw.SendAsync(HttpMethod.Get, "/admin/keys", null));
        AssertError(401, await _gw.SendAsync(HttpMethod.Get, "/admin/keys", "bwk_nope"));
        AssertError(403, await _gw.SendAsync(HttpMethod.Get, "/admin/keys", user));
        var ok = await _gw.AdminAsync(HttpMethod.Get, "/admin/keys");
        Assert.Equal(200, ok.Status);
        Assert.Equal(2, ok.Body!["keys"]!.AsArray().Count);
        Assert.DoesNotContain("bwk_", ok.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostKeys_Valid_ReturnsKeyOnceAndAudits()
    {
        var (status, body) = await _gw.AdminAsync(HttpMethod.Post, "/admin/keys", """{"principal":"bob","groups":["research"],"models":["research-sim"],"expires":"30d"}""");
        Assert.Equal(200, status);
        var id = body!["id"]!.GetValue<string>();
        var key = body["key"]!.GetValue<string>();
        Assert.Equal("bob", body["principal"]!.GetValue<string>());
        Assert.StartsWith("bwk_" + id + "_", key, StringComparison.Ordinal);
        var models = await _gw.SendAsync(HttpMethod.Get, "/v1/models", key);
        Assert.Equal(200, models.Status);
        Assert.Equal(["research-sim"], models.Body!["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));

        var audit = (await AdminAuditAsync()).Single(r => r["action"]!.GetValue<string>() == "key.create" && r["target"]!.GetValue<string>() == id);
        Assert.Equal("admin", audit["actor"]!.GetValue<string>());
        Assert.Equal("ok", audit["outcome"]!.GetValue<string>());
        Assert.Equal("bob", audit["details"]!["principal"]!.GetValue<string>());
        Assert.DoesNotContain(key, audit.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("{}")]
    [InlineData("""{"principal":42}""")]
    [InlineData("""{"principal":"x","groups":"research"}""")]
    [InlineData("""{"principal":"bad name with spaces"}""")]
    [InlineData("""{"principal":"x","models":["no-such-model"]}""")]
    [InlineData("""{"principal":"x","expires":"2001-01-01T00:00:00Z"}""")]
    [InlineData("""{"principal":"x","expires":"whenever"}""")]
    [InlineData("""{"principal":"x","admin":"yes"}""")]
    public async Task PostKeys_BadInput_400AndNothingChanges(string json)
    {
        var before = Version;
        AssertError(400, await _gw.AdminAsync(HttpMethod.Post, "/admin/keys", json));
        Assert.Equal(before, Version);
        Assert.Single((await _gw.AdminAsync(HttpMethod.Get, "/admin/keys")).Body!["keys"]!.AsArray());
    }

    [Fact]
    public async Task RevokeKey_UnknownThenTwice_404Then200Then200Unchanged()
    {
        AssertError(404, await _gw.AdminAsync(HttpMethod.Post, "/admin/keys/zzzzzzzz/revoke"));
        AssertError(404, await _gw.AdminAsync(HttpMethod.Post, "/admin/keys/..%2f..%2fetc/revoke"));
        var (id, key) = await _gw.CreateKeyAsync("carol");
        Assert.Equal(200, (await _gw.SendAsync(HttpMethod.Get, "/v1/models", key)).Status);
        var first = await _gw.AdminAsync(HttpMethod.Post, $"/admin/keys/{id}/revoke");
        Assert.Equal(200, first.Status);
        Assert.True(first.Body!["changed"]!.GetValue<bool>());
        Assert.Equal(401, (await _gw.SendAsync(HttpMethod.Get, "/v1/models", key)).Status);
        var version = Version;
        var second = await _gw.AdminAsync(HttpMethod.Post, $"/admin/keys/{id}/revoke");
        Assert.Equal(200, second.Status);
        Assert.False(second.Body!["changed"]!.GetValue<bool>());
        Assert.Equal(version, Version);
        Assert.Single(await AdminAuditAsync(), r => r["action"]!.GetValue<string>() == "key.revoke");
    }

    [Fact]
    public async Task RotateKey_Live_NewKeyAndOldStillValid()
    {
        var (id, key) = await _gw.CreateKeyAsync("dave");
        var r = await _gw.AdminAsync(HttpMethod.Post, $"/admin/keys/{id}/rotate");
        Assert.Equal(200, r.Status);
        var newKey = r.Body!["key"]!.GetValue<string>();
        Assert.Equal(id, r.Body["previous"]!.GetValue<string>());
        Assert.Equal(200, (await _gw.SendAsync(HttpMethod.Get, "/v1/models", key)).Status);
        Assert.Equal(200, (await _gw.SendAsync(HttpMethod.Get, "/v1/models", newKey)).Status);
        AssertError(409, await _gw.AdminAsync(HttpMethod.Post, $"/admin/keys/{id}/rotate"));
        Assert.Contains(await AdminAuditAsync(), a => a["action"]!.GetValue<string>() == "key.rotate" && a["target"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task Directives_IssueListLift_AuditedWithContractDetails()
    {
        var (_, user) = await _gw.CreateKeyAsync("erin", """["staff"]""");
        var issue = await _gw.AdminAsync(HttpMethod.Post, "/admin/directives",
            """{"model":"bulwark-sim","allowGroups":["ops"],"effective":"2020-01-01T00:00:00Z","reason":"incident 9"}""");
        AssertError(400, issue); // more than the allowed skew in the past
        issue = await _gw.AdminAsync(HttpMethod.Post, "/admin/directives", """{"model":"bulwark-sim","allowGroups":["ops"],"reason":"incident 9"}""");
        Assert.Equal(200, issue.Status);
        var id = issue.Body!["id"]!.GetValue<string>();
        var models = await _gw.SendAsync(HttpMethod.Get, "/v1/models", user);
        Assert.DoesNotContain("bulwark-sim", models.Body!["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
        var chat = await _gw.SendAsync(HttpMethod.Post, "/v1/chat/completions", user, """{"model":"bulwark-sim","messages":[{"role":"user","content":"hi"}]}""");
        Assert.Equal(403, chat.Status);

        var list = await _gw.AdminAsync(HttpMethod.Get, "/admin/directives");
        var listed = Assert.Single(list.Body!["directives"]!.AsArray());
        Assert.Equal("active", listed!["status"]!.GetValue<string>());

        var audit = (await AdminAuditAsync()).Single(a => a["action"]!.GetValue<string>() == "directive.issue");
        Assert.Equal("bulwark-sim", audit["details"]!["model"]!.GetValue<string>());
        Assert.Equal(["ops"], audit["details"]!["allow_groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal(id, audit["details"]!["directive_id"]!.GetValue<string>());
        Assert.True(DateTimeOffset.TryParse(audit["details"]!["effective"]!.GetValue<string>(), out _));
        Assert.EndsWith("Z", audit["details"]!["effective"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(200, (await _gw.AdminAsync(HttpMethod.Delete, $"/admin/directives/{id}")).Status);
        AssertError(404, await _gw.AdminAsync(HttpMethod.Delete, "/admin/directives/dir_nope"));
        Assert.Contains("bulwark-sim", (await _gw.SendAsync(HttpMethod.Get, "/v1/models", user)).Body!["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
        Assert.Contains(await AdminAuditAsync(), a => a["action"]!.GetValue<string>() == "directive.lift");
    }

    [Theory]
    [InlineData("""{"model":"gpt-99","allowGroups":["ops"],"reason":"r"}""")]
    [InlineData("""{"model":"bulwark-sim","allowGroups":[],"reason":"r"}""")]
    [InlineData("""{"model":"bulwark-sim","allowGroups":["ops"]}""")]
    [InlineData("""{"model":"bulwark-sim","allowGroups":["ops"],"reason":"r","effective":"2099-01-01T00:00:00Z"}""")]
    public async Task PostDirectives_BadInput_400AndNothingChanges(string json)
    {
        var before = Version;
        AssertError(400, await _gw.AdminAsync(HttpMethod.Post, "/admin/directives", json));
        Assert.Equal(before, Version);
    }

    [Fact]
    public async Task Killswitch_OnOffAndBadScope_AuditedWithScopeAndName()
    {
        var (_, user) = await _gw.CreateKeyAsync("fay");
        AssertError(400, await _gw.AdminAsync(HttpMethod.Post, "/admin/killswitch", """{"scope":"planet","on":true}"""));
        AssertError(400, await _gw.AdminAsync(HttpMethod.Post, "/admin/killswitch", """{"scope":"model","name":"nope","on":true}"""));
        AssertError(400, await _gw.AdminAsync(HttpMethod.Post, "/admin/killswitch", """{"scope":"global","name":"x","on":true}"""));
        AssertError(400, await _gw.AdminAsync(HttpMethod.Post, "/admin/killswitch", """{"scope":"global"}"""));
        var on = await _gw.AdminAsync(HttpMethod.Post, "/admin/killswitch", """{"scope":"model","name":"bulwark-sim","on":true}""");
        Assert.Equal(200, on.Status);
        var chat = await _gw.SendAsync(HttpMethod.Post, "/v1/chat/completions", user, """{"model":"bulwark-sim","messages":[{"role":"user","content":"hi"}]}""");
        Assert.Equal(403, chat.Status);
        Assert.Equal(200, (await _gw.AdminAsync(HttpMethod.Post, "/admin/killswitch", """{"scope":"model","name":"bulwark-sim","on":false}""")).Status);
        var actions = (await AdminAuditAsync()).Where(a => a["action"]!.GetValue<string>().StartsWith("killswitch.", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["killswitch.on", "killswitch.off"], actions.Select(a => a["action"]!.GetValue<string>()));
        Assert.All(actions, a =>
        {
            Assert.Equal("model", a["details"]!["scope"]!.GetValue<string>());
            Assert.Equal("bulwark-sim", a["details"]!["name"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task Principals_SuspendUnsuspend_AffectsAccessAndAudits()
    {
        var (_, user) = await _gw.CreateKeyAsync("gus");
        AssertError(404, await _gw.AdminAsync(HttpMethod.Post, "/admin/principals/nobody/suspend"));
        Assert.Equal(200, (await _gw.AdminAsync(HttpMethod.Post, "/admin/principals/gus/suspend")).Status);
        Assert.Equal(403, (await _gw.SendAsync(HttpMethod.Get, "/v1/models", user)).Status);
        var list = await _gw.AdminAsync(HttpMethod.Get, "/admin/principals");
        Assert.True(list.Body!["principals"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == "gus")!["suspended"]!.GetValue<bool>());
        Assert.Equal(200, (await _gw.AdminAsync(HttpMethod.Post, "/admin/principals/gus/unsuspend")).Status);
        Assert.Equal(200, (await _gw.SendAsync(HttpMethod.Get, "/v1/models", user)).Status);
        var actions = (await AdminAuditAsync()).Select(a => a["action"]!.GetValue<string>()).ToArray();
        Assert.Contains("principal.suspend", actions);
        Assert.Contains("principal.unsuspend", actions);
    }

    [Fact]
    public async Task PostKeys_AuditLogDown_500AndNoKeyCreated()
    {
        await _gw.App.Services.GetRequiredService<BatchingAuditAppender>().StopAsync(CancellationToken.None);
        var before = Version;
        var r = await _gw.AdminAsync(HttpMethod.Post, "/admin/keys", """{"principal":"hank"}""");
        Assert.Equal(500, r.Status);
        Assert.Contains("audit", r.Body!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, Version);
        var keys = await _gw.AdminAsync(HttpMethod.Get, "/admin/keys");
        Assert.DoesNotContain(keys.Body!["keys"]!.AsArray(), k => k!["principal"]!.GetValue<string>() == "hank");
    }

    [Fact]
    public async Task EnsureBootstrapAdminKeyAsync_SecondCall_ReturnsNull()
    {
        Assert.Null(await Bulwark.Gateway.Access.AccessServiceCollectionExtensions.EnsureBootstrapAdminKeyAsync(_gw.App.Services, CancellationToken.None));
        Assert.Contains(await AdminAuditAsync(), a => a["action"]!.GetValue<string>() == "key.create" && a["actor"]!.GetValue<string>() == "bootstrap");
    }
}
