using System.Text;
using Bulwark.Audit.Witness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bulwark.Gateway.Auditing.Witnesses;

/// <summary>Serves a <see cref="CheckpointWitness"/> over HTTP: <c>POST &lt;prefix&gt;/add-checkpoint</c> (C2SP tlog-witness).</summary>
public static class WitnessEndpoints
{
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapCheckpointWitness(this IEndpointRouteBuilder app, CheckpointWitness witness, string prefix = "")
    {
        app.MapPost(prefix.TrimEnd('/') + "/add-checkpoint", async (HttpContext ctx) =>
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await ctx.Request.Body.ReadAsync(chunk, ctx.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBodyBytes) return Results.Text("request body too large\n", WitnessAnswer.TextPlain, Encoding.UTF8, 413);
            }
            string body;
            try { body = new UTF8Encoding(false, true).GetString(buffer.ToArray()); }
            catch (DecoderFallbackException) { return Results.Text("body is not UTF-8\n", WitnessAnswer.TextPlain, Encoding.UTF8, 400); }
            var answer = witness.AddCheckpoint(body);
            return Results.Text(answer.Body, answer.ContentType, null, answer.Status);
        });
        return app;
    }
}
