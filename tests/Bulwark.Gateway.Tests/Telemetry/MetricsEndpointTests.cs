using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bulwark.Gateway.Tests.Access;

namespace Bulwark.Gateway.Tests.Telemetry;

public sealed class MetricsEndpointTests
{
    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(GatewayTestServer gw, string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await gw.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_RequireKey_RefusesOthersAndShowsPerGuardHistogramsWithModelAndUpstream()
    {
        await using var gw = await GatewayTestServer.StartAsync(new Dictionary<string, string?> { ["Bulwark:Telemetry:MetricsRequireKey"] = "true", ["Bulwark:Policy"] = "signatures-only" });
        var (_, userKey) = await gw.CreateKeyAsync("alice");
        using (var chat = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions"))
        {
            chat.Headers.Authorization = new AuthenticationHeaderValue("Bearer", userKey);
            chat.Content = new StringContent("""{"model":"bulwark-sim","messages":[{"role":"user","content":"Hello there"}]}""", Encoding.UTF8, "application/json");
            using var response = await gw.Http.SendAsync(chat);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(gw, "/metrics", null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(gw, "/metrics", userKey)).Status);
        var (status, body) = await GetAsync(gw, "/metrics", gw.AdminKey);
        Assert.Equal(HttpStatusCode.OK, status);
        var guardLine = body.Split('\n').FirstOrDefault(l => l.StartsWith("bulwark_guard_seconds_bucket{", StringComparison.Ordinal)
            && l.Contains("guard=\"signatures\"", StringComparison.Ordinal) && l.Contains("model=\"bulwark-sim\"", StringComparison.Ordinal));
        Assert.NotNull(guardLine);
        Assert.Contains("upstream=\"sim\"", guardLine, StringComparison.Ordinal);
        var bounds = body.Split('\n').Where(l => l.StartsWith("bulwark_guard_seconds_bucket{", StringComparison.Ordinal) && l.Contains("guard=\"signatures\"", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("le=\"", StringComparison.Ordinal) + 4)..]).Select(l => l[..l.IndexOf('"')]).ToList();
        Assert.Equal("1E-05", bounds[0], ignoreCase: true);
        Assert.Contains("10", bounds);
        Assert.Contains("bulwark_upstream_seconds_bucket{", body, StringComparison.Ordinal);
        Assert.Contains("bulwark_access_state_age_seconds", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Hello there", body, StringComparison.Ordinal);
        // The Grafana dashboard queries the names the exporter really writes.
        var dashboard = await File.ReadAllTextAsync(Path.Combine(Bulwark.Testing.RepoPaths.Root(), "deploy", "grafana", "bulwark-dashboard.json"));
        foreach (var family in new[] { "bulwark_requests_total", "bulwark_guard_seconds_bucket", "bulwark_upstream_seconds_bucket", "bulwark_audit_append_seconds_bucket", "bulwark_request_seconds_bucket", "bulwark_access_state_age_seconds" })
        {
            Assert.Contains(family, body, StringComparison.Ordinal);
            Assert.Contains(family, dashboard, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_TwoGatewaysInOneProcess_EachShowsOnlyItsOwnSeries()
    {
        // A model name only gateway A knows and serves; gateway B must not export it.
        var onlyA = "only-a-" + Guid.NewGuid().ToString("N")[..8];
        await using var a = await GatewayTestServer.StartAsync(new Dictionary<string, string?> { [$"Bulwark:Models:{onlyA}:Upstream"] = "sim", ["Bulwark:Policy"] = "signatures-only" });
        await using var b = await GatewayTestServer.StartAsync(new Dictionary<string, string?> { ["Bulwark:Policy"] = "signatures-only" });
        var (_, userKey) = await a.CreateKeyAsync("alice");
        using (var chat = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions"))
        {
            chat.Headers.Authorization = new AuthenticationHeaderValue("Bearer", userKey);
            chat.Content = new StringContent($$"""{"model":"{{onlyA}}","messages":[{"role":"user","content":"Hello there"}]}""", Encoding.UTF8, "application/json");
            using var response = await a.Http.SendAsync(chat);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var (statusA, bodyA) = await GetAsync(a, "/metrics", a.AdminKey);
        var (statusB, bodyB) = await GetAsync(b, "/metrics", b.AdminKey);
        Assert.Equal(HttpStatusCode.OK, statusA);
        Assert.Equal(HttpStatusCode.OK, statusB);
        Assert.Contains($"model=\"{onlyA}\"", bodyA, StringComparison.Ordinal);
        Assert.DoesNotContain(onlyA, bodyB, StringComparison.Ordinal);
        // B served no chat request, so it has no upstream series at all; A has its own.
        Assert.Contains("bulwark_upstream_seconds_bucket{", bodyA, StringComparison.Ordinal);
        Assert.DoesNotContain("bulwark_upstream_seconds_bucket{", bodyB, StringComparison.Ordinal);
    }
}
