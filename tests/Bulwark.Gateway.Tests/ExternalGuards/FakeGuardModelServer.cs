using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Gateway.Tests.ExternalGuards;

/// <summary>
/// A guard model on Kestrel (127.0.0.1, random port) speaking the OpenAI chat-completions reply shape (as vLLM, Ollama
/// and TGI serve Llama Guard and Qwen3Guard) and the /v1/moderations reply shape. The test sets the reply.
/// </summary>
public sealed class FakeGuardModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeGuardModelServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The raw body to answer with (status 200, application/json).</summary>
    public string Reply { get; set; } = "{}";

    public List<JsonObject> Requests { get; } = [];

    public static async Task<FakeGuardModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeGuardModelServer? server = null;
        async Task Handle(HttpContext ctx)
        {
            var body = await JsonNode.ParseAsync(ctx.Request.Body);
            lock (server!.Requests) server.Requests.Add((JsonObject)body!);
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(server.Reply);
        }
        app.MapPost("/v1/chat/completions", Handle);
        app.MapPost("/v1/moderations", Handle);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeGuardModelServer(app, url + "/v1");
        return server;
    }

    /// <summary>A chat completion whose message content is <paramref name="content"/>, as an OpenAI-compatible server returns it.</summary>
    public static string ChatReply(string content) => new JsonObject
    {
        ["id"] = "chatcmpl-guard", ["object"] = "chat.completion", ["created"] = 1, ["model"] = "guard",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content }, ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 3, ["total_tokens"] = 13 },
    }.ToJsonString();

    /// <summary>A /v1/moderations reply with the given category scores.</summary>
    public static string ModerationReply(bool flagged, params (string Name, double Score)[] scores)
    {
        var categoryScores = new JsonObject();
        var categories = new JsonObject();
        foreach (var (name, score) in scores)
        {
            categoryScores[name] = score;
            categories[name] = score >= 0.5;
        }
        return new JsonObject
        {
            ["id"] = "modr-1", ["model"] = "omni-moderation-latest",
            ["results"] = new JsonArray(new JsonObject { ["flagged"] = flagged, ["categories"] = categories, ["category_scores"] = categoryScores }),
        }.ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
