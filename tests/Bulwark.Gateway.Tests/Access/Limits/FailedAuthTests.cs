using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Access.Limits;
using Bulwark.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Gateway.Tests.Access.Limits;

/// <summary>
/// Issue 11, defects 3 and 4: failed-auth limiting per client address and presented key id, the client address taken
/// from X-Forwarded-For only when the peer is a configured proxy, and keyless noise audited as counted summaries.
/// </summary>
public sealed class FailedAuthTests : IAsyncLifetime
{
    private const int Limit = 5;
    private GatewayServer _gw = null!;

    public async Task InitializeAsync() => _gw = await GatewayServer.StartAsync(new Dictionary<string, string?>
    {
        ["Bulwark:Limits:FailedAuthPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Bulwark:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
    }, services =>
    {
        // One-minute windows: an anchored clock keeps every test inside one window, whatever the time of day.
        var clock = new AnchoredClock();
        services.AddSingleton(sp => new FailedAuthLimiter(sp.GetRequiredService<LimitOptions>(), clock));
        services.AddSingleton(_ => new FailedAuthSummary(clock));
    });

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    private async Task<HttpStatusCode> ModelsAsync(string? key, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await _gw.Client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Authorize_BadKeysFromOneForwardedAddress_ValidKeysThereKeepWorking()
    {
        var (_, user) = await _gw.CreateKeyAsync("alice");
        for (var i = 0; i < Limit * 3; i++) await ModelsAsync("bwk_guess" + i, "198.51.100.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, await ModelsAsync("bwk_another", "198.51.100.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ModelsAsync(null, "198.51.100.7"));
        // The valid user and admin keys behind the same address still work.
        Assert.Equal(HttpStatusCode.OK, await ModelsAsync(user, "198.51.100.7"));
        Assert.Equal(HttpStatusCode.OK, await ModelsAsync(_gw.AdminKey, "198.51.100.7"));
        // Another client behind the same proxy is not affected at all.
        Assert.Equal(HttpStatusCode.Unauthorized, await ModelsAsync("bwk_typo", "203.0.113.9"));
    }

    [Fact]
    public async Task Authorize_GuessesAtOneKeyId_HoldUpOnlyThatKeyAtThatAddress()
    {
        var (_, target) = await _gw.CreateKeyAsync("bob");
        var (_, other) = await _gw.CreateKeyAsync("carol");
        var forged = target[..^4] + "AAAA";
        for (var i = 0; i < Limit; i++) Assert.Equal(HttpStatusCode.Unauthorized, await ModelsAsync(forged, "198.51.100.8"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ModelsAsync(forged, "198.51.100.8"));
        Assert.Equal(HttpStatusCode.OK, await ModelsAsync(other, "198.51.100.8"));
        Assert.Equal(HttpStatusCode.OK, await ModelsAsync(target, "192.0.2.1"));
    }

    [Fact]
    public async Task KeylessNoise_IsOneCountedSummaryPerAddress_NotOneRecordPerRequest()
    {
        var before = await _gw.AuditSizeAsync();
        for (var i = 0; i < 40; i++)
        {
            using var request = GatewayServer.Post("/v1/chat/completions", "bwk_nope" + i, GatewayServer.ChatJson("bulwark-sim", "hi"));
            request.Headers.Add("X-Forwarded-For", i % 2 == 0 ? "198.51.100.20" : "198.51.100.21");
            using var response = await _gw.Client.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests);
        }
        Assert.Equal(before, await _gw.AuditSizeAsync());

        var flushed = await _gw.Services.GetRequiredService<FailedAuthSummaryService>().FlushAsync(all: true, CancellationToken.None);
        Assert.Equal(2, flushed);
        Assert.Equal(before + 2, await _gw.AuditSizeAsync());
        var records = new[] { await _gw.AuditRecordAsync(before), await _gw.AuditRecordAsync(before + 1) };
        foreach (var record in records)
        {
            Assert.Equal(FailedAuthSummary.Kind, (string?)record["kind"]);
            var details = (JsonObject)record["details"]!;
            Assert.Equal(20, (long)details["count"]!);
            Assert.NotNull(details["first"]);
            Assert.NotNull(details["last"]);
            Assert.Equal(20, ((JsonObject)details["routes"]!)["/v1/chat/completions"]!.GetValue<long>());
        }
        Assert.Equal(["198.51.100.20", "198.51.100.21"], records.Select(r => (string)r["details"]!["address"]!).Order().ToArray());
    }
}
