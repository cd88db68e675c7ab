using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Tests.Support;

namespace Bulwark.Gateway.Tests.Access.Admin;

/// <summary>Issue 11, defect 8: admin free-text fields refuse control characters (ESC sequences, newlines, bidi controls).</summary>
public sealed class AdminTextTests : IAsyncLifetime
{
    private GatewayServer _gw = null!;

    public async Task InitializeAsync() => _gw = await GatewayServer.StartAsync();

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _gw.AdminKey);
        using var response = await _gw.Client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Theory]
    [InlineData("\u001b[2J\u001b[31mall clear")]
    [InlineData("line one\nline two")]
    [InlineData("carriage\rreturn")]
    [InlineData("bidi \u202egnitset")]
    [InlineData("c1 \u009b31m")]
    public async Task IssueDirective_ReasonWithControlCharacters_400(string reason)
    {
        var (status, body) = await PostAsync("/admin/directives", new JsonObject { ["model"] = "bulwark-sim", ["allowGroups"] = new JsonArray("staff"), ["reason"] = reason });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("control characters", (string?)body["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertPrincipal_TierWithEscape_400()
    {
        var (status, _) = await PostAsync("/admin/principals", new JsonObject { ["id"] = "p1", ["tier"] = "gold\u001b]0;pwned\u0007" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task IssueDirective_PlainUnicodeReason_Accepted()
    {
        var (status, _) = await PostAsync("/admin/directives", new JsonObject { ["model"] = "bulwark-sim", ["allowGroups"] = new JsonArray("staff"), ["reason"] = "Prüfung — incident 42 (שלום)" });
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
