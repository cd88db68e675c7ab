using System.Text.Json.Nodes;
using Bulwark.Core.Guards;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// Applies a Redact verdict to the caller's JSON body before it is forwarded: every string value (message content,
/// tool arguments, system prompt…) has each value replaced by its placeholder, so that same-protocol pass-through
/// forwards no masked value while keeping the body's other parameters. The original body is not modified.
/// </summary>
public static class RequestRedaction
{
    public static JsonObject Apply(JsonObject body, IReadOnlyList<Redaction> redactions)
    {
        var copy = (JsonObject)body.DeepClone();
        if (redactions.Count > 0) Rewrite(copy, redactions);
        return copy;
    }

    private static void Rewrite(JsonNode node, IReadOnlyList<Redaction> redactions)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToArray())
                {
                    if (value is null) continue;
                    if (value is JsonValue v && v.TryGetValue<string>(out var s)) o[key] = Redactor.Apply(s, redactions);
                    else Rewrite(value, redactions);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is null) continue;
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var s)) a[i] = Redactor.Apply(s, redactions);
                    else Rewrite(a[i]!, redactions);
                }
                break;
        }
    }
}
