using System.Text.Json.Nodes;

namespace Bulwark.RedTeam.Targets;

/// <summary>The one tool indirect-injection attacks pretend the assistant called: fetch a URL, get its text.</summary>
public static class FetchUrlTool
{
    public const string Name = "fetch_url";
    public const string Description = "Fetch a web page and return its text.";

    /// <summary>The JSON Schema of its input, <c>{"url": string}</c>.</summary>
    public static JsonObject InputSchema() => new()
    {
        ["type"] = "object", ["properties"] = new JsonObject { ["url"] = new JsonObject { ["type"] = "string" } },
        ["required"] = new JsonArray("url"),
    };
}
