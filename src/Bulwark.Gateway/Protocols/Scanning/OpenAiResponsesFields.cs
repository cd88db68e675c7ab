using Bulwark.Core.Conversations;
using static Bulwark.Gateway.Protocols.Scanning.FieldSpec;

namespace Bulwark.Gateway.Protocols.Scanning;

/// <summary>
/// The fields of POST /v1/responses that the gateway knows (OpenAI API reference, responses create), and how each
/// reaches the model. Input items and tools of a type the gateway cannot translate are refused, naming the field;
/// state kept by the provider (previous_response_id, conversation, stored prompts, file ids) cannot be read, so it
/// is refused too.
/// </summary>
public static class OpenAiResponsesFields
{
    private static readonly FieldSpec Number = Text; // a string where a number belongs is still scanned if forwarded

    private static readonly FieldSpec Stored = new() { Content = FieldContent.Unscannable };

    private static readonly FieldSpec Status = OneOf("in_progress", "completed", "incomplete");

    private static readonly FieldSpec InputText = Object(("type", OneOf("input_text")), ("text", Text));

    private static readonly FieldSpec UserContent = Text with { Items = Union("type",
        ("input_text", InputText),
        ("input_image", Object(("type", OneOf("input_image")), ("image_url", new FieldSpec { Content = FieldContent.MediaUrl }), ("file_id", Stored), ("detail", OneOf("auto", "low", "high")))),
        ("input_file", Object(
            ("type", OneOf("input_file")), ("file_data", new FieldSpec { Content = FieldContent.DocumentDataUrl }),
            ("file_id", Stored), ("file_url", Stored), ("filename", Text)) with { Kind = ContentPartKind.Document })) with { Strict = true } };

    private static readonly FieldSpec InstructionContent = Text with { Items = Union("type", ("input_text", InputText)) with { Strict = true } };

    private static readonly FieldSpec AssistantContent = Text with { Items = Union("type",
        ("output_text", Object(("type", OneOf("output_text")), ("text", Text), ("annotations", OpenAiChatFields.Metadata), ("logprobs", Free))),
        ("refusal", Object(("type", OneOf("refusal")), ("refusal", Text)))) with { Strict = true } };

    private static FieldSpec MessageOf(string role, FieldSpec content, MessageRole trust) =>
        Object(("type", OneOf("message")), ("role", OneOf(role)), ("content", content), ("id", Text), ("status", Status)) with { Role = trust };

    private static readonly FieldSpec Message = Union("role",
        ("user", MessageOf("user", UserContent, MessageRole.User)),
        ("system", MessageOf("system", InstructionContent, MessageRole.System)),
        ("developer", MessageOf("developer", InstructionContent, MessageRole.System)),
        ("assistant", MessageOf("assistant", AssistantContent, MessageRole.Assistant))) with { IsMessage = true, Strict = true };

    /// <summary>One input item: a message (the default when "type" is absent), a function call or a function call's output.</summary>
    internal static readonly FieldSpec Item = Union("type",
        ("message", Message),
        ("function_call", Object(("type", OneOf("function_call")), ("id", Text), ("call_id", Text), ("name", Text), ("arguments", OpenAiChatFields.Schema), ("status", Status))
            with { Role = MessageRole.Assistant, Kind = ContentPartKind.ToolCall, IsMessage = true }),
        ("function_call_output", Object(("type", OneOf("function_call_output")), ("id", Text), ("call_id", Text), ("output", Text with { Items = Union("type", ("input_text", InputText)) with { Strict = true } }), ("status", Status))
            with { Role = MessageRole.Tool, Kind = ContentPartKind.ToolResult, IsMessage = true })) with { DefaultVariant = "message", Strict = true };

    private static readonly FieldSpec Tool = Union("type",
        ("function", Object(("type", OneOf("function")), ("name", Text), ("description", Text), ("parameters", OpenAiChatFields.Schema), ("strict", Number)))) with { Strict = true };

    private static readonly FieldSpec ToolChoice = Union("type",
        ("function", Object(("type", OneOf("function")), ("name", Text)))) with { Values = OneOf("none", "auto", "required").Values, Strict = true };

    private static readonly FieldSpec TextFormat = Union("type",
        ("text", Object(("type", OneOf("text")))),
        ("json_object", Object(("type", OneOf("json_object")))),
        ("json_schema", Object(("type", OneOf("json_schema")), ("name", Text), ("description", Text), ("schema", OpenAiChatFields.Schema), ("strict", Number)))) with { Strict = true };

    /// <summary>The request body. A string "input" is rewritten to one user message before the walk.</summary>
    public static readonly FieldSpec Request = Object(
        ("model", new FieldSpec { Content = FieldContent.Replaced }),
        ("input", ArrayOf(Item)),
        ("instructions", Text),
        ("stream", Number), ("stream_options", Object(("include_obfuscation", Number))),
        ("max_output_tokens", Number), ("max_tool_calls", Number), ("temperature", Number), ("top_p", Number), ("top_logprobs", Number),
        ("parallel_tool_calls", Number), ("store", Number), ("background", Number),
        ("user", Text), ("safety_identifier", Text), ("prompt_cache_key", Text), ("metadata", OpenAiChatFields.Metadata),
        ("service_tier", OneOf("auto", "default", "flex", "scale", "priority")),
        ("truncation", OneOf("auto", "disabled")),
        ("include", ArrayOf(Text)),
        ("reasoning", Object(("effort", OneOf("none", "minimal", "low", "medium", "high")), ("summary", OneOf("auto", "concise", "detailed")))),
        ("text", Object(("format", TextFormat), ("verbosity", OneOf("low", "medium", "high")))),
        ("tools", ArrayOf(Tool)),
        ("tool_choice", ToolChoice),
        ("previous_response_id", Stored), ("conversation", Stored), ("prompt", Stored));
}
