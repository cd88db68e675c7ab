namespace Bulwark.Gateway.Tests.MultiNode;

/// <summary>With Redis (the bus) down, nodes cannot confirm their state: protected models fail closed after MaxStaleness and recover when it returns.</summary>
[Collection(MultiNodeCollection.Name)]
public sealed class BusOutageTests(GatewayCluster cluster) : IClassFixture<GatewayCluster>
{
    [Fact]
    public async Task RedisStopped_ProtectedModels503AfterMaxStalenessThenRecover()
    {
        var (_, key) = await cluster.CreateKeyAsync(cluster.Nodes[0], "outage", "staff");
        var bound = GatewayCluster.MaxStaleness + TimeSpan.FromSeconds(1);
        var last = "";
        var ready = await cluster.UntilAllAsync(async n =>
        {
            var r = await cluster.SendAsync(n, HttpMethod.Post, "v1/chat/completions", key, GatewayCluster.Chat("bulwark-sim"));
            last = $"{n.Name}: {r.Status} {r.Body?.ToJsonString()}";
            return r.Status == 200;
        }, TimeSpan.FromSeconds(20));
        Assert.True(ready is not null, last);

        cluster.Redis.Stop();
        await Task.Delay(GatewayCluster.MaxStaleness + TimeSpan.FromMilliseconds(500));
        foreach (var n in cluster.Nodes)
        {
            var r = await cluster.SendAsync(n, HttpMethod.Post, "v1/chat/completions", key, GatewayCluster.Chat("bulwark-sim"));
            Assert.Equal(503, r.Status);
            Assert.Equal("stale_state", r.Body!["error"]!["code"]!.GetValue<string>());
            Assert.Equal(503, (await cluster.SendAsync(n, HttpMethod.Get, "readyz", null)).Status);
        }

        await cluster.Redis.RestartAsync();
        var recovered = await cluster.UntilAllAsync(async n =>
            (await cluster.SendAsync(n, HttpMethod.Post, "v1/chat/completions", key, GatewayCluster.Chat("bulwark-sim"))).Status == 200, TimeSpan.FromSeconds(20));
        Assert.NotNull(recovered);

        // Propagation works again after the outage.
        var (id, other) = await cluster.CreateKeyAsync(cluster.Nodes[1], "outage", "staff");
        Assert.NotNull(await cluster.UntilAllAsync(async n => (await cluster.SendAsync(n, HttpMethod.Get, "v1/models", other)).Status == 200, TimeSpan.FromSeconds(20)));
        Assert.Equal(200, (await cluster.SendAsync(cluster.Nodes[2], HttpMethod.Post, $"admin/keys/{id}/revoke", cluster.AdminKey)).Status);
        Assert.NotNull(await cluster.UntilAllAsync(async n => (await cluster.SendAsync(n, HttpMethod.Get, "v1/models", other)).Status == 401, bound));
    }
}
