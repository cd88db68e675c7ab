using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Protocols;

internal static class JsonOutput
{
    /// <summary>Escapes only what JSON requires, so non-Latin answers stay readable on the wire.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static readonly JsonSerializerOptions Options = new() { Encoder = Encoder };

    public static void WriteBulwark(Utf8JsonWriter w, BulwarkInfo info)
    {
        w.WriteStartObject("bulwark");
        w.WriteString("request_id", info.RequestId);
        w.WriteStartArray("categories");
        foreach (var c in info.Categories) w.WriteStringValue(c);
        w.WriteEndArray();
        if (info.Rules is { Count: > 0 })
        {
            w.WriteStartArray("rules");
            foreach (var r in info.Rules) w.WriteStringValue(r);
            w.WriteEndArray();
        }
        if (info.AuditIndex is { } index) w.WriteNumber("audit_index", index);
        else w.WriteNull("audit_index");
        if (info.Reason is not null) w.WriteString("reason", info.Reason);
        w.WriteEndObject();
    }

    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder }))
        {
            write(json);
        }
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
