using System.Text.Json.Nodes;

namespace Bulwark.Gateway.Protocols.Scanning;

/// <summary>
/// Parses a request in two passes over the same body: the field walk (unknown fields handled, every string the
/// model reads collected with its trust) and then the protocol's parser (the neutral conversation). The walk runs
/// first, so the parser never sees a field that will not be forwarded.
/// </summary>
public static class ScannedParser
{
    public static ParseOutcome Parse(JsonObject body, FieldSpec fields, UnknownFieldHandling unknown, bool dottedPaths, Func<JsonObject, ParseOutcome> parse)
    {
        var walk = RequestWalker.Walk(body, fields, unknown, dottedPaths, "");
        if (!walk.Ok) return walk.Error;
        var parsed = parse(body);
        if (!parsed.Ok) return parsed;
        var c = parsed.Request.Conversation;
        return parsed.Request with { Scanned = walk.Scanned with { Model = c.Model, MaxTokens = c.MaxTokens, Stream = c.Stream, Choices = c.Choices } };
    }
}
