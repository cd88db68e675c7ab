using System.Text.Json.Nodes;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Auditing.Stores;
using Bulwark.Gateway.Hosting;

namespace Bulwark.Cli.Tests.Access;

public sealed class AccessCommandsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bulwark-cli-acc-" + Guid.NewGuid().ToString("N")[..8]);

    public AccessCommandsTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args) => CliProcess.RunAsync(_dir, args);

    private async Task<IReadOnlyList<JsonObject>> AuditAsync(string storeUri)
    {
        await using var store = AuditStoreFactory.Create(storeUri);
        await store.InitializeAsync(CancellationToken.None);
        var size = await store.GetSizeAsync(CancellationToken.None);
        var leaves = await store.ReadLeavesAsync(0, (int)size, CancellationToken.None);
        return leaves.Select(l => (JsonObject)JsonNode.Parse(l.Data)!).ToArray();
    }

    [Fact]
    public async Task Keys_CreateListRevokeOnDefaultStore_WorkAndAreAudited()
    {
        var create = await Run("keys", "create", "--principal", "alice", "--group", "staff", "--json");
        Assert.True(create.Exit == 0, create.Stderr);
        var created = JsonNode.Parse(create.Stdout)!.AsObject();
        var id = created["id"]!.GetValue<string>();
        var key = created["key"]!.GetValue<string>();
        Assert.Equal("alice", created["principal"]!.GetValue<string>());
        Assert.StartsWith("bwk_" + id + "_", key, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "bulwark-data", "bulwark.db")));

        var list = await Run("keys", "list", "--json");
        Assert.Equal(0, list.Exit);
        Assert.DoesNotContain(key, list.Stdout, StringComparison.Ordinal);
        var listed = JsonNode.Parse(list.Stdout)!["keys"]!.AsArray().Single(k => k!["id"]!.GetValue<string>() == id)!;
        Assert.Equal("active", listed["status"]!.GetValue<string>());

        Assert.Equal(0, (await Run("keys", "revoke", id)).Exit);
        var again = await Run("keys", "revoke", id);
        Assert.Equal(0, again.Exit);
        Assert.Contains("already revoked", again.Stdout, StringComparison.Ordinal);
        var unknown = await Run("keys", "revoke", "zzzzzzzz");
        Assert.Equal(2, unknown.Exit);
        Assert.Single(unknown.Stderr.Trim().Split('\n'));
        var after = JsonNode.Parse((await Run("keys", "list", "--json")).Stdout)!["keys"]!.AsArray().Single(k => k!["id"]!.GetValue<string>() == id)!;
        Assert.Equal("revoked", after["status"]!.GetValue<string>());

        var audit = await AuditAsync("sqlite://" + Path.Combine(_dir, "bulwark-data", "bulwark.db"));
        var actions = audit.Where(r => r["kind"]!.GetValue<string>() == "admin").Select(r => (r["action"]!.GetValue<string>(), r["target"]!.GetValue<string>())).ToArray();
        Assert.Equal([("key.create", id), ("key.revoke", id)], actions);
        Assert.All(audit, r => Assert.StartsWith("cli:", r["actor"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.DoesNotContain(audit, r => r.ToJsonString().Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keys_CreateBadInput_Exit2WithOneLine()
    {
        var past = await Run("keys", "create", "--principal", "bob", "--expires", "2001-01-01T00:00:00Z");
        Assert.Equal(2, past.Exit);
        Assert.Contains("future", past.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, (await Run("keys", "create", "--principal", "bob", "--models", "no-such-model")).Exit);
        Assert.Equal(2, (await Run("keys", "create")).Exit);
        Assert.Equal(2, (await Run("keys", "create", "--principal", "bob", "--expires", "someday")).Exit);
    }

    [Fact]
    public async Task Directive_IssueListLift_PrintsIdAndRoundTrips()
    {
        var issue = await Run("directive", "issue", "--model", "bulwark-sim", "--allow-group", "ops", "research", "--reason", "incident 12");
        Assert.True(issue.Exit == 0, issue.Stderr);
        var id = issue.Stdout.Trim();
        Assert.StartsWith("dir_", id, StringComparison.Ordinal);
        var list = JsonNode.Parse((await Run("directive", "list", "--json")).Stdout)!["directives"]!.AsArray();
        var d = Assert.Single(list)!;
        Assert.Equal(["ops", "research"], d["allowGroups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal("active", d["status"]!.GetValue<string>());
        Assert.Equal(2, (await Run("directive", "lift")).Exit);
        Assert.Equal(2, (await Run("directive", "issue", "--model", "gpt-nope", "--allow-group", "ops", "--reason", "x")).Exit);
        Assert.Equal(0, (await Run("directive", "lift", "--all")).Exit);
        var lifted = JsonNode.Parse((await Run("directive", "list", "--json")).Stdout)!["directives"]!.AsArray().Single()!;
        Assert.Equal("lifted", lifted["status"]!.GetValue<string>());

        var audit = await AuditAsync("sqlite://" + Path.Combine(_dir, "bulwark-data", "bulwark.db"));
        var issued = audit.Single(r => r["action"]?.GetValue<string>() == "directive.issue");
        Assert.Equal(id, issued["details"]!["directive_id"]!.GetValue<string>());
        Assert.Contains(audit, r => r["action"]?.GetValue<string>() == "directive.lift");
    }

    [Fact]
    public async Task Killswitch_OnOff_ValidatesScope()
    {
        Assert.Equal(2, (await Run("killswitch", "on")).Exit);
        Assert.Equal(2, (await Run("killswitch", "on", "--model", "bulwark-sim", "--global")).Exit);
        Assert.Equal(2, (await Run("killswitch", "on", "--upstream", "nope")).Exit);
        var on = await Run("killswitch", "on", "--model", "bulwark-sim", "--json");
        Assert.True(on.Exit == 0, on.Stderr);
        Assert.True(JsonNode.Parse(on.Stdout)!["changed"]!.GetValue<bool>());
        Assert.Equal(0, (await Run("killswitch", "on", "bulwark-sim")).Exit);
        Assert.Equal(0, (await Run("killswitch", "off", "--model", "bulwark-sim")).Exit);
        var audit = await AuditAsync("sqlite://" + Path.Combine(_dir, "bulwark-data", "bulwark.db"));
        Assert.Equal(["killswitch.on", "killswitch.off"], audit.Select(r => r["action"]!.GetValue<string>()));
        Assert.All(audit, r => Assert.Equal("model", r["details"]!["scope"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Keys_BulwarkJsonInFolder_IsHonoured()
    {
        var custom = Path.Combine(_dir, "elsewhere", "my.db");
        await File.WriteAllTextAsync(Path.Combine(_dir, "bulwark.json"),
            new JsonObject { ["Bulwark"] = new JsonObject { ["Store"] = "sqlite://" + custom, ["DataDirectory"] = Path.Combine(_dir, "elsewhere") } }.ToJsonString());
        var create = await Run("keys", "create", "--principal", "carol", "--json");
        Assert.True(create.Exit == 0, create.Stderr);
        Assert.True(File.Exists(custom));
        Assert.False(File.Exists(Path.Combine(_dir, "bulwark-data", "bulwark.db")));
        var other = Path.Combine(_dir, "explicit.db");
        Assert.Equal(0, (await Run("principals", "list", "--store", "sqlite://" + custom)).Exit);
        Assert.Equal(2, (await Run("keys", "list", "--store", "sqlite://" + other)).Exit);
    }

    [Fact]
    public async Task Keys_ThroughGateway_TakeEffectAtOnceAndWrongKeyFails()
    {
        var store = "sqlite://" + Path.Combine(_dir, "gw.db");
        var app = GatewayHost.Build(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
        {
            ["Bulwark:Store"] = store, ["Bulwark:DataDirectory"] = Path.Combine(_dir, "gw-data"),
        });
        await app.StartAsync();
        try
        {
            var admin = await AccessServiceCollectionExtensions.EnsureBootstrapAdminKeyAsync(app.Services, CancellationToken.None);
            var url = app.Urls.First();
            var create = await Run("keys", "create", "--principal", "dave", "--gateway", url, "--admin-key", admin!, "--json");
            Assert.True(create.Exit == 0, create.Stderr);
            var key = JsonNode.Parse(create.Stdout)!["key"]!.GetValue<string>();
            using var http = new HttpClient();
            using var req = new HttpRequestMessage(HttpMethod.Get, url + "/v1/models");
            req.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            Assert.Equal(200, (int)(await http.SendAsync(req)).StatusCode);

            var denied = await Run("keys", "list", "--gateway", url, "--admin-key", key);
            Assert.Equal(1, denied.Exit);
            Assert.Contains("admin", denied.Stderr, StringComparison.Ordinal);
            var susp = await Run("principals", "suspend", "dave", "--gateway", url, "--admin-key", admin!);
            Assert.Equal(0, susp.Exit);
            using var req2 = new HttpRequestMessage(HttpMethod.Get, url + "/v1/models");
            req2.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            Assert.Equal(403, (int)(await http.SendAsync(req2)).StatusCode);
            Assert.Equal(2, (await Run("keys", "list", "--gateway", url)).Exit);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
