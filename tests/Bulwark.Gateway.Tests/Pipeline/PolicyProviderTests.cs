using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bulwark.Gateway.Hosting;
using Bulwark.Gateway.Tests.Support;

namespace Bulwark.Gateway.Tests.Pipeline;

/// <summary>
/// Policy assignment through real Kestrel: key &gt; principal &gt; group &gt; model &gt; global, each level shown to override
/// the next by the policy named in the request's audit record (with its hash).
/// </summary>
public sealed class PolicyProviderTests : IAsyncLifetime
{
    private GatewayServer _gw = null!;

    public async Task InitializeAsync() => _gw = await GatewayServer.StartAsync(new Dictionary<string, string?>
    {
        ["Bulwark:Policy"] = "signatures-only",
        // Four declared policies, each a little different so that each has its own hash.
        ["Bulwark:Policies:p-key:Extends"] = "signatures-only",
        ["Bulwark:Policies:p-key:Categories:obfuscation:FlagAt"] = "0.41",
        ["Bulwark:Policies:p-principal:Extends"] = "p-key",
        ["Bulwark:Policies:p-principal:Categories:obfuscation:FlagAt"] = "0.42",
        ["Bulwark:Policies:p-group:Extends"] = "signatures-only",
        ["Bulwark:Policies:p-group:Categories:obfuscation:FlagAt"] = "0.43",
        ["Bulwark:Policies:p-model:Extends"] = "signatures-only",
        ["Bulwark:Policies:p-model:Categories:obfuscation:FlagAt"] = "0.44",
        ["Bulwark:PrincipalPolicies:alice"] = "p-principal",
        ["Bulwark:GroupPolicies:staff"] = "p-group",
        ["Bulwark:Models:bulwark-sim:Policy"] = "p-model",
        ["Bulwark:Models:sim-plain:Upstream"] = "sim",
    });

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    private async Task<(string Policy, string Hash)> PolicyInForceAsync(string key, string model)
    {
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", key, GatewayServer.ChatJson(model, "What is the capital of France?")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var index = long.Parse(response.Headers.GetValues("bulwark-audit-index").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var record = await _gw.AuditRecordAsync(index);
        return ((string)record["policy"]!, (string)record["policy_hash"]!);
    }

    [Fact]
    public async Task Resolve_KeyPolicy_OverridesPrincipalGroupModelAndGlobal()
    {
        var (_, key) = await _gw.CreateKeyAsync("alice", ["staff"], policy: "p-key");
        var (policy, hash) = await PolicyInForceAsync(key, "bulwark-sim");
        Assert.Equal("p-key", policy);
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public async Task Resolve_PrincipalPolicy_OverridesGroupModelAndGlobal()
    {
        var (_, key) = await _gw.CreateKeyAsync("alice", ["staff"]);
        Assert.Equal("p-principal", (await PolicyInForceAsync(key, "bulwark-sim")).Policy);
    }

    [Fact]
    public async Task Resolve_GroupPolicy_OverridesModelAndGlobal()
    {
        var (_, key) = await _gw.CreateKeyAsync("bob", ["staff"]);
        Assert.Equal("p-group", (await PolicyInForceAsync(key, "bulwark-sim")).Policy);
    }

    [Fact]
    public async Task Resolve_ModelPolicy_OverridesGlobal()
    {
        var (_, key) = await _gw.CreateKeyAsync("carol");
        Assert.Equal("p-model", (await PolicyInForceAsync(key, "bulwark-sim")).Policy);
    }

    [Fact]
    public async Task Resolve_NothingBound_GlobalPolicy()
    {
        var (_, key) = await _gw.CreateKeyAsync("carol");
        var (policy, hash) = await PolicyInForceAsync(key, "sim-plain");
        Assert.Equal("signatures-only", policy);
        Assert.NotEqual((await PolicyInForceAsync(key, "bulwark-sim")).Hash, hash);
    }

    [Fact]
    public async Task CreateKey_UnknownPolicy_Returns400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/keys") { Content = JsonContent.Create(new { principal = "dave", policy = "no-such-policy" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _gw.AdminKey);
        using var response = await _gw.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown policy", await response.Content.ReadAsStringAsync());
    }
}
