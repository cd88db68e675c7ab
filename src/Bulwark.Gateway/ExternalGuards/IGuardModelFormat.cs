using System.Text.Json.Nodes;
using Bulwark.Core.Guards;

namespace Bulwark.Gateway.ExternalGuards;

/// <summary>One guard model's wire format: the request for a text to judge, and the parse of its reply into findings.</summary>
public interface IGuardModelFormat
{
    string Kind { get; }

    /// <summary>Path under BaseUrl.</summary>
    string Path { get; }

    JsonObject BuildRequest(string? model, GuardedText text);

    /// <summary>Findings from the reply body; throws <see cref="ExternalGuardReplyException"/> when it is not the format.</summary>
    IReadOnlyList<Finding> ParseReply(JsonNode? reply);
}
