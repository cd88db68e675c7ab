using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Tests.Telemetry;

/// <summary>An OTLP/HTTP receiver on Kestrel (127.0.0.1) that keeps every request body posted to /v1/traces, /v1/metrics and /v1/logs.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public ConcurrentQueue<(string Signal, string ContentType, byte[] Body)> Received { get; } = new();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        foreach (var signal in new[] { "traces", "metrics", "logs" })
        {
            app.MapPost("/v1/" + signal, async (HttpContext ctx) =>
            {
                using var buffer = new MemoryStream();
                await ctx.Request.Body.CopyToAsync(buffer);
                receiver.Received.Enqueue((signal, ctx.Request.ContentType ?? "", buffer.ToArray()));
                ctx.Response.ContentType = "application/x-protobuf";
                await ctx.Response.Body.WriteAsync(Array.Empty<byte>());
            });
        }
        await app.StartAsync();
        return receiver;
    }

    public byte[] All(string signal) => Received.Where(r => r.Signal == signal).SelectMany(r => r.Body).ToArray();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
