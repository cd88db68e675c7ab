using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Tests.Support;
using Bulwark.Testing;

namespace Bulwark.Gateway.Tests.Access.Admin;

/// <summary>
/// Issue 11, defect 6: 20 parallel revokes of one key give exactly one change, one "changed": true and one audit record,
/// on SQLite and on PostgreSQL; so do parallel kill switch and suspend orders.
/// </summary>
public sealed class AdminIdempotencyTests
{
    private const int Parallel = 20;

    [Fact]
    public Task RevokeKey_TwentyParallel_OneChangeOneRecord_Sqlite() => RevokeInParallelAsync(null);

    [Fact]
    public async Task RevokeKey_TwentyParallel_OneChangeOneRecord_Postgres()
    {
        var server = await PostgresServer.SharedAsync();
        await RevokeInParallelAsync(await server.CreateDatabaseAsync("idem"));
    }

    private static async Task RevokeInParallelAsync(string? postgresUri)
    {
        await using var gw = await GatewayServer.StartAsync(postgresUri is null ? null : new Dictionary<string, string?> { ["Bulwark:Store"] = postgresUri });
        var (id, _) = await gw.CreateKeyAsync("target");
        var before = await gw.AuditSizeAsync();

        var revokes = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => AdminPostAsync(gw, $"/admin/keys/{id}/revoke", null)));
        Assert.All(revokes, r => Assert.Equal(200, r.Status));
        Assert.Equal(1, revokes.Count(r => r.Body["changed"]!.GetValue<bool>()));

        var switches = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => AdminPostAsync(gw, "/admin/killswitch", """{"scope":"model","name":"fake-gpt","on":true}""")));
        Assert.Equal(1, switches.Count(r => r.Body["changed"]!.GetValue<bool>()));

        var suspends = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => AdminPostAsync(gw, "/admin/principals/target/suspend", null)));
        Assert.Equal(1, suspends.Count(r => r.Body["changed"]!.GetValue<bool>()));

        var size = await gw.AuditSizeAsync();
        var actions = new List<string>();
        for (var i = before; i < size; i++)
        {
            var record = await gw.AuditRecordAsync(i);
            if ((string?)record["kind"] == "admin") actions.Add((string)record["action"]!);
        }
        Assert.Equal(["key.revoke", "killswitch.on", "principal.suspend"], actions.Order(StringComparer.Ordinal).ToArray());
    }

    private static async Task<(int Status, JsonObject Body)> AdminPostAsync(GatewayServer gw, string path, string? json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gw.AdminKey);
        if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await gw.Client.SendAsync(request);
        return ((int)response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
