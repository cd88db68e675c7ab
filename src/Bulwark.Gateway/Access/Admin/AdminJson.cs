using System.Text.Json.Nodes;

namespace Bulwark.Gateway.Access.Admin;

/// <summary>Strict reading of admin request bodies: a JSON object with typed fields; anything else is a clear 400.</summary>
internal static class AdminJson
{
    public const int MaxBodyBytes = 64 * 1024;

    public static async Task<(JsonObject? Body, string? Error)> ReadObjectAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + n > MaxBodyBytes) return (null, "request body is larger than 64 KiB");
            buffer.Write(chunk, 0, n);
        }
        // The same rules as the API routes: UTF-8, depth, duplicate names, lone surrogates, an object.
        return Pipeline.JsonBodyRules.TryParseObject(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), out var parsed, out _, out var message)
            ? (parsed, null)
            : (null, message);
    }

    public static bool TryString(JsonObject o, string name, bool required, out string? value, out string? error)
    {
        value = null;
        error = null;
        var node = o[name];
        if (node is null)
        {
            if (required) error = $"'{name}' is required";
            return !required;
        }
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            value = s;
            return true;
        }
        error = $"'{name}' must be a string";
        return false;
    }

    public static bool TryStrings(JsonObject o, string name, bool required, out IReadOnlyList<string> value, out string? error)
    {
        value = [];
        error = null;
        var node = o[name];
        if (node is null)
        {
            if (required) error = $"'{name}' is required";
            return !required;
        }
        if (node is not JsonArray arr)
        {
            error = $"'{name}' must be an array of strings";
            return false;
        }
        var list = new List<string>(arr.Count);
        foreach (var item in arr)
        {
            if (item is JsonValue v && v.TryGetValue<string>(out var s))
            {
                list.Add(s);
                continue;
            }
            error = $"'{name}' must be an array of strings";
            return false;
        }
        value = list;
        return true;
    }

    public static bool TryBool(JsonObject o, string name, bool required, out bool value, out string? error)
    {
        value = false;
        error = null;
        var node = o[name];
        if (node is null)
        {
            if (required) error = $"'{name}' is required";
            return !required;
        }
        if (node is JsonValue v && v.TryGetValue<bool>(out var b))
        {
            value = b;
            return true;
        }
        error = $"'{name}' must be true or false";
        return false;
    }

    public static bool TryInt(JsonObject o, string name, out int? value, out string? error)
    {
        value = null;
        error = null;
        var node = o[name];
        if (node is null) return true;
        if (node is JsonValue v && v.TryGetValue<int>(out var i))
        {
            value = i;
            return true;
        }
        error = $"'{name}' must be an integer";
        return false;
    }
}
