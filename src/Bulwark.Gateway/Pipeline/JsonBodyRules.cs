using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// The parse rules every JSON body meets, on every route (the API and /admin): valid UTF-8, at most
/// <see cref="MaxDepth"/> levels, no duplicate property names, no lone surrogate escapes in names or strings, no
/// comments or trailing commas, and a JSON object at the top. Never throws for bad input.
/// </summary>
public static class JsonBodyRules
{
    public const int MaxDepth = 64;

    public const string InvalidUtf8 = "invalid_utf8";
    public const string InvalidUnicode = "invalid_unicode";
    public const string MalformedJson = "malformed_json";
    public const string DuplicateKey = "duplicate_key";
    public const string TooDeep = "too_deep";
    public const string EmptyBody = "empty_body";

    // One level more than allowed, so that the pass below sees the excess and names it.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth + 1, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, AllowDuplicateProperties = false,
    };

    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    /// <summary>Parses <paramref name="utf8"/> to an object, or gives a stable code and a message that quotes no content.</summary>
    public static bool TryParseObject(ReadOnlySpan<byte> utf8, out JsonObject? body, out string code, out string message)
    {
        body = null;
        if (utf8.IsEmpty) return Fail(EmptyBody, "the request body is empty; a JSON object is required", out code, out message);
        if (!Utf8.IsValid(utf8)) return Fail(InvalidUtf8, "the request body is not valid UTF-8", out code, out message);
        if (!TryCheckTokens(utf8, out code, out message)) return false;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8, NodeOptions, DocumentOptions);
        }
        catch (JsonException ex)
        {
            // The token pass above accepted the syntax, so what is left is a repeated property name.
            return Fail(DuplicateKey, $"the request body repeats a property name in one object (line {(ex.LineNumber ?? 0) + 1})", out code, out message);
        }
        if (node is not JsonObject obj) return Fail(MalformedJson, "the request body must be a JSON object", out code, out message);
        body = obj;
        return true;
    }

    /// <summary>One forward pass: syntax, depth, and every escaped name or string decodes to well-formed UTF-16.</summary>
    private static bool TryCheckTokens(ReadOnlySpan<byte> utf8, out string code, out string message)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        Span<char> scratch = stackalloc char[256];
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= MaxDepth)
                    return Fail(TooDeep, $"the request body nests deeper than {MaxDepth} levels", out code, out message);
                if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String) || !reader.ValueIsEscaped) continue;
                // Unescaping a lone surrogate (\ud800 not followed by a low surrogate) throws; a valid pair does not.
                var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
                if (length <= scratch.Length) reader.CopyString(scratch);
                else reader.GetString();
            }
        }
        catch (JsonException ex)
        {
            return Fail(MalformedJson, $"the request body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})", out code, out message);
        }
        catch (InvalidOperationException)
        {
            return Fail(InvalidUnicode, "the request contains an invalid Unicode escape (a lone surrogate)", out code, out message);
        }
        code = "";
        message = "";
        return true;
    }

    private static bool Fail(string c, string m, out string code, out string message)
    {
        code = c;
        message = m;
        return false;
    }
}
