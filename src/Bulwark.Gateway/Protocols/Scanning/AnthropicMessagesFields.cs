using Bulwark.Core.Conversations;
using static Bulwark.Gateway.Protocols.Scanning.FieldSpec;

namespace Bulwark.Gateway.Protocols.Scanning;

/// <summary>The fields of POST /v1/messages that the gateway knows (Anthropic Messages API reference), and how each reaches the model.</summary>
public static class AnthropicMessagesFields
{
    private static readonly FieldSpec Number = Text;

    private static readonly FieldSpec CacheControl = Object(("type", OneOf("ephemeral")), ("ttl", OneOf("5m", "1h")));

    /// <summary>Citations a block carries (cited text, titles): text the model reads back, scanned as documents.</summary>
    private static readonly FieldSpec Citations = Free with { Kind = ContentPartKind.Document };

    private static readonly FieldSpec TextBlock = Object(("type", OneOf("text")), ("text", Text), ("cache_control", CacheControl), ("citations", Citations));

    private static readonly FieldSpec ImageSource = Union("type",
        ("base64", Object(("type", OneOf("base64")), ("media_type", OneOf("image/jpeg", "image/png", "image/gif", "image/webp")), ("data", new FieldSpec { Content = FieldContent.Base64Media }))),
        ("url", Object(("type", OneOf("url")), ("url", Text))),
        ("file", Object(("type", OneOf("file")), ("file_id", new FieldSpec { Content = FieldContent.Unscannable }))));

    private static readonly FieldSpec ImageBlock = Object(("type", OneOf("image")), ("source", ImageSource), ("cache_control", CacheControl));

    private static readonly FieldSpec DocumentSource = Union("type",
        ("text", Object(("type", OneOf("text")), ("media_type", OneOf("text/plain")), ("data", FieldSpec.String))),
        ("base64", Object(("type", OneOf("base64")), ("media_type", Text), ("data", new FieldSpec { Content = FieldContent.Base64Document }))),
        ("content", Object(("type", OneOf("content")), ("content", Text with { Items = Union("type", ("text", TextBlock), ("image", ImageBlock)) }))),
        ("url", Object(("type", OneOf("url")), ("url", new FieldSpec { Content = FieldContent.Unscannable }))),
        ("file", Object(("type", OneOf("file")), ("file_id", new FieldSpec { Content = FieldContent.Unscannable }))));

    private static readonly FieldSpec DocumentBlock = Object(
        ("type", OneOf("document")), ("source", DocumentSource), ("title", Text), ("context", Text),
        ("citations", Object(("enabled", Number))), ("cache_control", CacheControl)) with { Kind = ContentPartKind.Document };

    private static readonly FieldSpec SearchResultBlock = Object(
        ("type", OneOf("search_result")), ("source", Text), ("title", Text),
        ("content", ArrayOf(Union("type", ("text", TextBlock)))), ("citations", Object(("enabled", Number))), ("cache_control", CacheControl))
        with { Kind = ContentPartKind.Document };

    private static readonly FieldSpec ToolResultBlock = Object(
        ("type", OneOf("tool_result")), ("tool_use_id", Text), ("is_error", Number), ("cache_control", CacheControl),
        ("content", Text with { Items = Union("type", ("text", TextBlock), ("image", ImageBlock), ("document", DocumentBlock), ("search_result", SearchResultBlock)) }))
        with { Kind = ContentPartKind.ToolResult };

    private static readonly FieldSpec Block = Union("type",
        ("text", TextBlock),
        ("image", ImageBlock),
        ("document", DocumentBlock),
        ("search_result", SearchResultBlock),
        ("tool_use", Object(("type", OneOf("tool_use")), ("id", Text), ("name", Text), ("input", Free), ("cache_control", CacheControl)) with { Kind = ContentPartKind.ToolCall }),
        ("tool_result", ToolResultBlock),
        // Thinking sent back in assistant turns is the model's earlier output: scanned as untrusted data, forwarded as it came.
        ("thinking", Object(("type", OneOf("thinking")), ("thinking", Text), ("signature", Text)) with { Kind = ContentPartKind.Document }),
        ("redacted_thinking", Object(("type", OneOf("redacted_thinking")), ("data", Text)) with { Kind = ContentPartKind.Document }));

    private static readonly FieldSpec Message = Union("role",
        ("user", Object(("role", OneOf("user")), ("content", Text with { Items = Block })) with { Role = MessageRole.User }),
        ("assistant", Object(("role", OneOf("assistant")), ("content", Text with { Items = Block })) with { Role = MessageRole.Assistant }))
        with { IsMessage = true, Strict = true };

    /// <summary>Client tools; server tools (web search, code execution…) are not known here and follow UnknownFields.</summary>
    private static readonly FieldSpec Tool = Union("type", ("custom", Object(
        ("type", OneOf("custom")), ("name", Text), ("description", Text), ("input_schema", OpenAiChatFields.Schema), ("cache_control", CacheControl))))
        with { DefaultVariant = "custom" };

    private static readonly FieldSpec ToolChoice = Union("type",
        ("auto", Object(("type", OneOf("auto")), ("disable_parallel_tool_use", Number))),
        ("any", Object(("type", OneOf("any")), ("disable_parallel_tool_use", Number))),
        ("none", Object(("type", OneOf("none")))),
        ("tool", Object(("type", OneOf("tool")), ("name", Text), ("disable_parallel_tool_use", Number)))) with { Strict = true };

    /// <summary>The request body.</summary>
    public static readonly FieldSpec Request = Object(
        ("model", new FieldSpec { Content = FieldContent.Replaced }),
        ("messages", ArrayOf(Message)),
        ("system", Text with { Items = Union("type", ("text", TextBlock)) }),
        ("max_tokens", Number), ("stream", Number), ("temperature", Number), ("top_p", Number), ("top_k", Number),
        ("stop_sequences", ArrayOf(Text)),
        ("metadata", Object(("user_id", Text))),
        ("service_tier", OneOf("auto", "standard_only")),
        ("thinking", Union("type",
            ("enabled", Object(("type", OneOf("enabled")), ("budget_tokens", Number))),
            ("disabled", Object(("type", OneOf("disabled")))))),
        ("tools", ArrayOf(Tool)),
        ("tool_choice", ToolChoice));
}
