using System.Text.Json.Nodes;
using Bulwark.Core.Guards;
using Bulwark.Gateway.Protocols.Tools;

namespace Bulwark.Gateway.Pipeline;

/// <summary>The tool calls of an answer after their check: all of them, and the verdict and tool name when one was blocked.</summary>
public readonly record struct ToolCheck(IReadOnlyList<ToolCall>? Calls, Verdict? Verdict, string? BlockedTool)
{
    /// <summary>The audit details for the calls: the tool names called and the one blocked (names only, never arguments).</summary>
    public JsonObject? Details(JsonObject? details = null)
    {
        if (Calls is not { Count: > 0 }) return details;
        details ??= [];
        details["tool_calls"] = new JsonArray(Calls.Select(c => (JsonNode)JsonValue.Create(c.Name)).ToArray());
        if (BlockedTool is not null) details["blocked_tool"] = BlockedTool;
        return details;
    }
}
