using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bulwark.Gateway.Protocols;

/// <summary>Small, non-throwing readers for request JSON.</summary>
internal static class JsonFields
{
    public static bool TryString(JsonNode? node, out string value)
    {
        value = "";
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }
        return false;
    }

    /// <summary>The string a node holds, or null when it holds anything else.</summary>
    public static string? StringOrNull(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>Optional integer: absent or null → (true, null); a non-integer → false.</summary>
    public static bool TryOptionalInt(JsonObject obj, string name, out int? value)
    {
        value = null;
        if (!obj.TryGetPropertyValue(name, out var node) || node is null) return true;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i))
        {
            value = i;
            return true;
        }
        if (node is JsonValue d && d.GetValueKind() == JsonValueKind.Number && d.TryGetValue<double>(out var dbl) && dbl == Math.Floor(dbl) && dbl is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)dbl;
            return true;
        }
        return false;
    }

    /// <summary>Optional boolean: absent or null → (true, false); anything else than true/false → false.</summary>
    public static bool TryOptionalBool(JsonObject obj, string name, out bool value)
    {
        value = false;
        if (!obj.TryGetPropertyValue(name, out var node) || node is null) return true;
        switch (node.GetValueKind())
        {
            case JsonValueKind.True:
                value = true;
                return true;
            case JsonValueKind.False:
                return true;
            default:
                return false;
        }
    }

    /// <summary>The "model" (required, a non-empty string) and "stream" (optional boolean) of a request, or why not.</summary>
    public static RequestError? ModelAndStream(JsonObject body, out string model, out bool stream)
    {
        stream = false;
        if (!TryString(body["model"], out model) || model.Length == 0)
            return new RequestError("missing_model", "'model' is required and must be a non-empty string", "model");
        if (!TryOptionalBool(body, "stream", out stream))
            return new RequestError("invalid_type", "'stream' must be a boolean", "stream");
        return null;
    }
}
