using Bulwark.Core.Conversations;
using static Bulwark.Gateway.Protocols.Scanning.FieldSpec;

namespace Bulwark.Gateway.Protocols.Scanning;

/// <summary>
/// The fields of POST /v1/chat/completions that the gateway knows (OpenAI API reference, chat create), and how
/// each reaches the model. Shared with the Responses API where the shapes are the same.
/// </summary>
public static class OpenAiChatFields
{
    private static readonly FieldSpec Number = Text; // a string where a number belongs is still scanned if forwarded

    /// <summary>A JSON Schema: every key and string is read by the model.</summary>
    internal static readonly FieldSpec Schema = Free;

    internal static readonly FieldSpec Metadata = Free with { Kind = ContentPartKind.Document };

    private static readonly FieldSpec TextPart = Object(("type", OneOf("text")), ("text", Text));

    private static readonly FieldSpec FilePart = Object(
        ("type", OneOf("file")),
        ("file", Object(
            ("file_data", new FieldSpec { Content = FieldContent.DocumentDataUrl }),
            ("file_id", new FieldSpec { Content = FieldContent.Unscannable }),
            ("filename", Text)))) with { Kind = ContentPartKind.Document };

    private static readonly FieldSpec UserContent = Text with { Items = Union("type",
        ("text", TextPart),
        ("image_url", Object(("type", OneOf("image_url")), ("image_url", Object(("url", new FieldSpec { Content = FieldContent.MediaUrl }), ("detail", OneOf("auto", "low", "high")))))),
        ("input_audio", Object(("type", OneOf("input_audio")), ("input_audio", Object(("data", new FieldSpec { Content = FieldContent.Base64Media }), ("format", OneOf("wav", "mp3")))))),
        ("file", FilePart)) };

    private static readonly FieldSpec TextOnlyContent = Text with { Items = Union("type", ("text", TextPart)) };

    private static readonly FieldSpec AssistantContent = Text with { Items = Union("type",
        ("text", TextPart),
        ("refusal", Object(("type", OneOf("refusal")), ("refusal", Text)))) };

    private static readonly FieldSpec ToolCall = Union("type",
        ("function", Object(("id", Text), ("type", OneOf("function")), ("function", Object(("name", Text), ("arguments", Free))))),
        ("custom", Object(("id", Text), ("type", OneOf("custom")), ("custom", Object(("name", Text), ("input", Text)))))) with { Kind = ContentPartKind.ToolCall, Strict = true };

    private static readonly FieldSpec Message = Union("role",
        ("system", Object(("role", OneOf("system")), ("content", TextOnlyContent), ("name", Text)) with { Role = MessageRole.System }),
        ("developer", Object(("role", OneOf("developer")), ("content", TextOnlyContent), ("name", Text)) with { Role = MessageRole.System }),
        ("user", Object(("role", OneOf("user")), ("content", UserContent), ("name", Text)) with { Role = MessageRole.User }),
        ("assistant", Object(
            ("role", OneOf("assistant")), ("content", AssistantContent), ("name", Text), ("refusal", Text),
            ("tool_calls", ArrayOf(ToolCall)),
            ("function_call", Object(("name", Text), ("arguments", Free)) with { Kind = ContentPartKind.ToolCall }),
            ("audio", Object(("id", Text)))) with { Role = MessageRole.Assistant }),
        ("tool", Object(("role", OneOf("tool")), ("content", TextOnlyContent), ("tool_call_id", Text)) with { Role = MessageRole.Tool, Kind = ContentPartKind.ToolResult }),
        ("function", Object(("role", OneOf("function")), ("content", Text), ("name", Text)) with { Role = MessageRole.Tool, Kind = ContentPartKind.ToolResult }))
        with { IsMessage = true, Strict = true };

    internal static readonly FieldSpec FunctionDefinition = Object(("name", Text), ("description", Text), ("parameters", Schema), ("strict", Number));

    private static readonly FieldSpec Tool = Union("type",
        ("function", Object(("type", OneOf("function")), ("function", FunctionDefinition))),
        ("custom", Object(("type", OneOf("custom")), ("custom", Object(("name", Text), ("description", Text), ("format", Free))))));

    private static readonly FieldSpec ToolChoice = Union("type",
        ("function", Object(("type", OneOf("function")), ("function", Object(("name", Text))))),
        ("custom", Object(("type", OneOf("custom")), ("custom", Object(("name", Text))))),
        ("allowed_tools", Object(("type", OneOf("allowed_tools")), ("allowed_tools", Object(("mode", OneOf("auto", "required")), ("tools", Free))))))
        with { Values = OneOf("none", "auto", "required").Values, Strict = true };

    private static readonly FieldSpec ResponseFormat = Union("type",
        ("text", Object(("type", OneOf("text")))),
        ("json_object", Object(("type", OneOf("json_object")))),
        ("json_schema", Object(("type", OneOf("json_schema")), ("json_schema", Object(("name", Text), ("description", Text), ("schema", Schema), ("strict", Number)))))) with { Strict = true };

    /// <summary>The request body.</summary>
    public static readonly FieldSpec Request = Object(
        ("model", new FieldSpec { Content = FieldContent.Replaced }),
        ("messages", ArrayOf(Message)),
        ("stream", Number), ("stream_options", Object(("include_usage", Number), ("include_obfuscation", Number))),
        ("max_tokens", Number), ("max_completion_tokens", Number), ("n", Number), ("seed", Number),
        ("temperature", Number), ("top_p", Number), ("frequency_penalty", Number), ("presence_penalty", Number),
        ("logprobs", Number), ("top_logprobs", Number), ("logit_bias", Free), ("parallel_tool_calls", Number), ("store", Number),
        ("stop", Text with { Items = Text }),
        ("user", Text), ("safety_identifier", Text), ("prompt_cache_key", Text), ("metadata", Metadata),
        ("service_tier", OneOf("auto", "default", "flex", "scale", "priority")),
        ("reasoning_effort", OneOf("none", "minimal", "low", "medium", "high")),
        ("verbosity", OneOf("low", "medium", "high")),
        ("modalities", ArrayOf(OneOf("text", "audio"))),
        ("audio", Object(("voice", Text), ("format", OneOf("wav", "aac", "mp3", "flac", "opus", "pcm16")))),
        ("prediction", Object(("type", OneOf("content")), ("content", TextOnlyContent))),
        ("response_format", ResponseFormat),
        ("tools", ArrayOf(Tool)),
        ("tool_choice", ToolChoice),
        ("functions", ArrayOf(FunctionDefinition)),
        ("function_call", Object(("name", Text)) with { Values = OneOf("none", "auto").Values }),
        ("web_search_options", Metadata));
}
