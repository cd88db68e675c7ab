using System.Text.Json.Nodes;

namespace Bulwark.Core.Conversations;

/// <summary>A tool the caller offers the model: its name, description and JSON Schema for the arguments.</summary>
public sealed record ToolDefinition(string Name, string Description, JsonObject Parameters);
