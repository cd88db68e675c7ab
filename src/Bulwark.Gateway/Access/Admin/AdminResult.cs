using System.Text.Json.Nodes;

namespace Bulwark.Gateway.Access.Admin;

/// <summary>An admin action's answer: HTTP status and JSON body, or an error message (shown as the OpenAI-style error shape).</summary>
public sealed record AdminResult(int Status, JsonObject? Body, string? Error = null)
{
    public bool Ok => Status is >= 200 and < 300;

    public static AdminResult Success(JsonObject body, int status = 200) => new(status, body);

    public static AdminResult Fail(int status, string error) => new(status, null, error);

    public JsonObject ToJson() => Body ?? new JsonObject
    {
        ["error"] = new JsonObject { ["type"] = Status >= 500 ? "api_error" : "invalid_request_error", ["message"] = Error ?? "error" },
    };
}
