using System.Net;
using System.Text.Json.Nodes;
using Bulwark.Core.Detection;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Gateway.Tests.Pipeline;

/// <summary>Issue 11, defect 5: a guard that errors or times out is the gateway's fault, never the caller's offence.</summary>
public sealed class GuardFaultTests : IAsyncLifetime
{
    private GatewayServer _gw = null!;

    public async Task InitializeAsync() => _gw = await GatewayServer.StartAsync(
        new Dictionary<string, string?> { ["Bulwark:Policy"] = "signatures-only", ["Bulwark:Offenders:FlagAfter"] = "1", ["Bulwark:Offenders:ThrottleAfter"] = "2", ["Bulwark:Offenders:SuspendAfter"] = "3" },
        services => services.AddSingleton(_ =>
        {
            // The core guards, with "signatures" replaced by one that always fails.
            var core = CoreGuards.RegisterCoreGuards(new GuardRegistry());
            var registry = new GuardRegistry();
            foreach (var name in core.Names.Where(n => n != "signatures"))
            {
                core.TryGet(name, out var guard);
                registry.Add(guard);
            }
            return registry.Add(new FailingGuard("signatures"));
        }));

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    [Fact]
    public async Task Handle_GuardErrors_503AuditedAsGatewayFaultAndNoOffenderEscalation()
    {
        var (_, key) = await _gw.CreateKeyAsync("erin");
        long index = -1;
        for (var i = 0; i < 5; i++)
        {
            using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", key, GatewayServer.ChatJson("bulwark-sim", "What is the capital of France?")));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            index = long.Parse(response.Headers.GetValues("bulwark-audit-index").Single(), System.Globalization.CultureInfo.InvariantCulture);
        }
        var record = await _gw.AuditRecordAsync(index);
        Assert.Equal("guard_error", (string?)record["outcome"]);
        Assert.Equal("guard_error", (string?)record["reason"]);
        Assert.Equal("bulwark", (string?)record["actor"]);

        // Five fail-closed refusals, thresholds 1/2/3: the caller is still not flagged, throttled or suspended.
        using var list = new HttpRequestMessage(HttpMethod.Get, "/admin/principals");
        list.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _gw.AdminKey);
        using var principals = await _gw.Client.SendAsync(list);
        var erin = JsonNode.Parse(await principals.Content.ReadAsStringAsync())!["principals"]!.AsArray().Single(p => (string?)p!["id"] == "erin")!;
        Assert.Equal("none", (string?)erin["offender_level"]);
        Assert.False((bool)erin["suspended"]!);
        for (var i = index; i >= 0; i--)
        {
            Assert.NotEqual("offender", (string?)(await _gw.AuditRecordAsync(i))["kind"]);
            if ((string?)(await _gw.AuditRecordAsync(i))["kind"] == "admin") break;
        }
    }
}
