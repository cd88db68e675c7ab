using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Bulwark.Testing.Gateways;

namespace Bulwark.Gateway.Tests.MultiNode;

/// <summary>Three gateway processes, one PostgreSQL, one Redis: changes made on one node take effect on all of them within the bound.</summary>
[Collection(MultiNodeCollection.Name)]
public sealed class MultiNodeTests(GatewayCluster cluster) : IClassFixture<GatewayCluster>
{
    /// <summary>The propagation bound the design promises: a node that has not confirmed its state within MaxStaleness refuses.</summary>
    private static readonly TimeSpan Bound = GatewayCluster.MaxStaleness;

    /// <summary>Slack for process scheduling on a loaded 2-core CI machine; the measured numbers are in bench/README.md.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    /// <summary>Waiting for something that is not under test (a new key to reach every node, first requests warming up).</summary>
    private static readonly TimeSpan Warm = TimeSpan.FromSeconds(20);

    private async Task<bool> ModelsStatusIs(GatewayProcess node, string key, int status) =>
        (await cluster.SendAsync(node, HttpMethod.Get, "v1/models", key)).Status == status;

    [Fact]
    public async Task Revoke_OnNodeA_RefusedOnEveryNodeWithinBoundAndOpenStreamOnCEnds()
    {
        var (a, c) = (cluster.Nodes[0], cluster.Nodes[2]);
        var (id, key) = await cluster.CreateKeyAsync(a, "streamer", "staff");
        Assert.NotNull(await cluster.UntilAllAsync(n => ModelsStatusIs(n, key, 200), Warm));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(c.BaseUri, "v1/chat/completions"))
        {
            Content = new StringContent(GatewayCluster.Chat("bulwark-sim", "tell me a long story [[simulate:slow]]", stream: true), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await cluster.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        var body = await response.Content.ReadAsStreamAsync();
        var reader = new StreamReader(body);
        var first = await reader.ReadLineAsync();
        Assert.NotNull(first);

        var revoke = await cluster.SendAsync(a, HttpMethod.Post, $"admin/keys/{id}/revoke", cluster.AdminKey);
        Assert.Equal(200, revoke.Status);
        var rest = reader.ReadToEndAsync();
        var took = await cluster.UntilAllAsync(n => ModelsStatusIs(n, key, 401), Bound + Slack);
        Assert.NotNull(took);
        var ended = await Task.WhenAny(rest, Task.Delay(Bound + Slack + Slack));
        Assert.Same(rest, ended);
        var tail = await rest;
        Assert.DoesNotContain("real answers", tail, StringComparison.Ordinal); // the simulated answer's last words never arrive
        Assert.Contains("withdrawn", tail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_ConcurrentLoopAcrossAllNodes_NoSuccessAfterAckPlusBound()
    {
        var (id, key) = await cluster.CreateKeyAsync(cluster.Nodes[1], "looper", "staff");
        Assert.NotNull(await cluster.UntilAllAsync(n => ModelsStatusIs(n, key, 200), Warm));
        var results = new ConcurrentBag<(TimeSpan Start, string Node, int Status)>();
        var clock = Stopwatch.StartNew();
        TimeSpan? acknowledged = null;
        using var stop = new CancellationTokenSource();
        var loops = cluster.Nodes.SelectMany(n => Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var start = clock.Elapsed;
                var (status, _) = await cluster.SendAsync(n, HttpMethod.Get, "v1/models", key);
                results.Add((start, n.Name, status));
            }
        }))).ToArray();
        await Task.Delay(300);
        var revoke = await cluster.SendAsync(cluster.Nodes[0], HttpMethod.Post, $"admin/keys/{id}/revoke", cluster.AdminKey);
        acknowledged = clock.Elapsed;
        Assert.Equal(200, revoke.Status);
        await Task.Delay(Bound + Slack + TimeSpan.FromMilliseconds(500));
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        var deadline = acknowledged.Value + Bound;
        var late = results.Where(r => r.Start > deadline).ToArray();
        Assert.True(late.Length > 100, $"only {late.Length} requests after the bound: the loop did not run");
        Assert.All(cluster.Nodes, n => Assert.Contains(late, r => r.Node == n.Name));
        Assert.DoesNotContain(late, r => r.Status == 200);
        Assert.All(late, r => Assert.Equal(401, r.Status));
        Assert.Contains(results, r => r.Start < acknowledged.Value && r.Status == 200);
    }

    [Fact]
    public async Task Directive_RestrictModelToOneGroup_403EverywhereAndHiddenFromModels()
    {
        var (_, staff) = await cluster.CreateKeyAsync(cluster.Nodes[0], "dina", "staff");
        var (_, ops) = await cluster.CreateKeyAsync(cluster.Nodes[0], "otto", "ops");
        Assert.NotNull(await cluster.UntilAllAsync(async n =>
            (await cluster.SendAsync(n, HttpMethod.Post, "v1/chat/completions", staff, GatewayCluster.Chat("open-sim"))).Status == 200, Warm));
        var issue = await cluster.SendAsync(cluster.Nodes[1], HttpMethod.Post, "admin/directives", cluster.AdminKey,
            """{"model":"open-sim","allowGroups":["ops"],"reason":"multi-node test"}""");
        Assert.Equal(200, issue.Status);
        var directiveId = issue.Body!["id"]!.GetValue<string>();
        try
        {
            Assert.NotNull(await cluster.UntilAllAsync(async n =>
                (await cluster.SendAsync(n, HttpMethod.Post, "v1/chat/completions", staff, GatewayCluster.Chat("open-sim"))).Status == 403, Bound + Slack));
            foreach (var n in cluster.Nodes)
            {
                var denied = await cluster.SendAsync(n, HttpMethod.Post, "v1/chat/completions", staff, GatewayCluster.Chat("open-sim"));
                Assert.Equal(403, denied.Status);
                var models = await cluster.SendAsync(n, HttpMethod.Get, "v1/models", staff);
                Assert.DoesNotContain("open-sim", models.Body!["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
                var opsModels = await cluster.SendAsync(n, HttpMethod.Get, "v1/models", ops);
                Assert.Contains("open-sim", opsModels.Body!["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
                Assert.Equal(200, (await cluster.SendAsync(n, HttpMethod.Post, "v1/chat/completions", ops, GatewayCluster.Chat("open-sim"))).Status);
            }
        }
        finally
        {
            await cluster.SendAsync(cluster.Nodes[0], HttpMethod.Delete, $"admin/directives/{directiveId}", cluster.AdminKey);
        }
    }

    [Fact]
    public async Task Restart_NodeDownDuringChange_ComesBackWithCurrentState()
    {
        var c = cluster.Nodes[2];
        var (id, key) = await cluster.CreateKeyAsync(cluster.Nodes[0], "restarter", "staff");
        Assert.NotNull(await cluster.UntilAllAsync(n => ModelsStatusIs(n, key, 200), Warm));
        c.Kill();
        Assert.Equal(200, (await cluster.SendAsync(cluster.Nodes[0], HttpMethod.Post, $"admin/keys/{id}/revoke", cluster.AdminKey)).Status);
        var (_, fresh) = await cluster.CreateKeyAsync(cluster.Nodes[1], "restarter", "staff");
        await c.StartAsync();
        Assert.Equal(401, (await cluster.SendAsync(c, HttpMethod.Get, "v1/models", key)).Status);
        Assert.Equal(200, (await cluster.SendAsync(c, HttpMethod.Get, "v1/models", fresh)).Status);
    }

    [Fact]
    public async Task KeysCreate_CliOnStoreWithBus_UsableOnRunningNodesWithinBound()
    {
        var (code, stdout, stderr) = await cluster.RunCliAsync(["keys", "create", "--principal", "cli-made", "--json"], Path.Combine(Path.GetTempPath(), "bulwark-mn-cli-" + Guid.NewGuid().ToString("N")[..8]));
        Assert.True(code == 0, stderr);
        var key = System.Text.Json.Nodes.JsonNode.Parse(stdout)!["key"]!.GetValue<string>();
        Assert.NotNull(await cluster.UntilAllAsync(n => ModelsStatusIs(n, key, 200), Warm));
    }
}
