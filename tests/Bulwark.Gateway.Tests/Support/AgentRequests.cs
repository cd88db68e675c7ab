using System.Text.Json.Nodes;

namespace Bulwark.Gateway.Tests.Support;

/// <summary>
/// Agent requests that use every text placement the APIs define (written from the OpenAI and Anthropic API
/// references): names, tool definitions and schemas, legacy functions, response formats, tool calls with string
/// and object arguments, refusals, files, documents of every source type, citations. "{X}" marks nothing: the
/// tests put their marker into any string value.
/// </summary>
public static class AgentRequests
{
    public static JsonObject OpenAiChat(string model = "fake-gpt") => (JsonObject)JsonNode.Parse("""
        {
          "model": "MODEL",
          "messages": [
            {"role": "developer", "content": "You are a travel assistant.", "name": "ops"},
            {"role": "system", "content": [{"type": "text", "text": "Answer briefly."}]},
            {"role": "user", "name": "alice", "content": [
              {"type": "text", "text": "What's the weather in Paris?"},
              {"type": "image_url", "image_url": {"url": "https://example.com/paris.png", "detail": "low"}},
              {"type": "file", "file": {"filename": "notes.txt", "file_data": "data:text/plain;base64,VHJpcCBub3Rlcw=="}}
            ]},
            {"role": "assistant", "content": null, "refusal": "earlier refusal text", "tool_calls": [
              {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}},
              {"id": "call_2", "type": "function", "function": {"name": "lookup", "arguments": {"query": "Paris events"}}}
            ]},
            {"role": "tool", "tool_call_id": "call_1", "content": "18 degrees and sunny"},
            {"role": "tool", "tool_call_id": "call_2", "content": [{"type": "text", "text": "A jazz festival"}]},
            {"role": "assistant", "content": [{"type": "text", "text": "It is sunny."}, {"type": "refusal", "refusal": "no more"}]},
            {"role": "user", "content": "Thanks, and tomorrow?"}
          ],
          "tools": [
            {"type": "function", "function": {"name": "get_weather", "description": "Get the weather for a city.",
              "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "City name"}}, "required": ["city"]}}},
            {"type": "function", "function": {"name": "lookup", "description": "Search events.", "strict": false,
              "parameters": {"type": "object", "properties": {"query": {"type": "string", "enum": ["a", "b"]}}}}}
          ],
          "functions": [{"name": "legacy_fn", "description": "An old-style function.", "parameters": {"type": "object", "properties": {}}}],
          "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
          "response_format": {"type": "json_schema", "json_schema": {"name": "answer", "description": "The answer format.",
            "schema": {"type": "object", "properties": {"text": {"type": "string", "description": "The answer text"}}}}},
          "stop": ["END"], "metadata": {"team": "travel"}, "user": "user-42", "temperature": 0.2, "n": 1,
          "logit_bias": {"50256": -100}, "prediction": {"type": "content", "content": "It will be sunny."}
        }
        """.Replace("MODEL", model, StringComparison.Ordinal))!;

    public static JsonObject AnthropicMessages(string model = "fake-claude") => (JsonObject)JsonNode.Parse("""
        {
          "model": "MODEL", "max_tokens": 256,
          "system": [{"type": "text", "text": "You are a travel assistant.", "cache_control": {"type": "ephemeral"}}],
          "messages": [
            {"role": "user", "content": [
              {"type": "text", "text": "Summarise these.", "citations": [{"type": "char_location", "cited_text": "cited words", "document_index": 0, "document_title": "Doc title", "start_char_index": 0, "end_char_index": 5}]},
              {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "Plain document text."}, "title": "Plain doc", "context": "Context of the doc", "citations": {"enabled": true}},
              {"type": "document", "source": {"type": "base64", "media_type": "text/plain", "data": "RW5jb2RlZCBkb2N1bWVudA=="}, "title": "Encoded doc"},
              {"type": "document", "source": {"type": "content", "content": [{"type": "text", "text": "Content block document."}]}},
              {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}}
            ]},
            {"role": "assistant", "content": [
              {"type": "thinking", "thinking": "The user wants the weather.", "signature": "c2lnbmF0dXJl"},
              {"type": "text", "text": "Let me check."},
              {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris", "detail": {"units": "metric"}}}
            ]},
            {"role": "user", "content": [
              {"type": "tool_result", "tool_use_id": "toolu_1", "content": [{"type": "text", "text": "18 degrees and sunny"}]},
              {"type": "text", "text": "And tomorrow?"}
            ]}
          ],
          "tools": [
            {"name": "get_weather", "description": "Get the weather for a city.",
             "input_schema": {"type": "object", "properties": {"city": {"type": "string", "description": "City name"}}, "required": ["city"]}}
          ],
          "tool_choice": {"type": "auto"},
          "stop_sequences": ["END"], "metadata": {"user_id": "user-42"}, "temperature": 0.2
        }
        """.Replace("MODEL", model, StringComparison.Ordinal))!;

    public static JsonObject OpenAiResponses(string model = "fake-gpt") => (JsonObject)JsonNode.Parse("""
        {
          "model": "MODEL", "instructions": "You are a travel assistant.", "max_output_tokens": 256,
          "input": [
            {"role": "developer", "content": [{"type": "input_text", "text": "Be brief."}]},
            {"type": "message", "role": "user", "content": [
              {"type": "input_text", "text": "Weather in Paris?"},
              {"type": "input_file", "filename": "notes.txt", "file_data": "data:text/plain;base64,RW5jb2RlZCBkb2N1bWVudA=="},
              {"type": "input_image", "image_url": "https://example.com/paris.png", "detail": "low"}
            ]},
            {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Let me check.", "annotations": [{"type": "url_citation", "title": "Weather site"}]}]},
            {"type": "function_call", "call_id": "call_1", "name": "get_weather", "arguments": "{\"city\":\"Paris\"}"},
            {"type": "function_call_output", "call_id": "call_1", "output": "18 degrees and sunny"},
            {"role": "user", "content": "And tomorrow?"}
          ],
          "tools": [
            {"type": "function", "name": "get_weather", "description": "Get the weather for a city.",
             "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "City name"}}, "required": ["city"]}}
          ],
          "tool_choice": {"type": "function", "name": "get_weather"},
          "text": {"format": {"type": "json_schema", "name": "answer", "description": "The answer format.",
            "schema": {"type": "object", "properties": {"text": {"type": "string", "description": "The answer text"}}}}},
          "metadata": {"team": "travel"}, "user": "user-42", "temperature": 0.2, "truncation": "disabled"
        }
        """.Replace("MODEL", model, StringComparison.Ordinal))!;

    /// <summary>Every string value in <paramref name="node"/>, as (parent, key or index) pairs to overwrite.</summary>
    public static List<(JsonNode Parent, string? Key, int Index)> StringSlots(JsonNode node)
    {
        var slots = new List<(JsonNode, string?, int)>();
        Walk(node);
        return slots;

        void Walk(JsonNode n)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (k, v) in o.ToList())
                    {
                        if (v is JsonValue s && s.GetValueKind() == System.Text.Json.JsonValueKind.String) slots.Add((o, k, -1));
                        else if (v is not null) Walk(v);
                    }
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        if (a[i] is JsonValue s && s.GetValueKind() == System.Text.Json.JsonValueKind.String) slots.Add((a, null, i));
                        else if (a[i] is { } v) Walk(v);
                    }
                    break;
            }
        }
    }

    /// <summary>Every object in <paramref name="node"/> (places to add an unknown field).</summary>
    public static List<JsonObject> Objects(JsonNode node)
    {
        var list = new List<JsonObject>();
        Walk(node);
        return list;

        void Walk(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                list.Add(o);
                foreach (var (_, v) in o) Walk(v);
            }
            else if (n is JsonArray a)
            {
                foreach (var v in a) Walk(v);
            }
        }
    }

    public static void Set((JsonNode Parent, string? Key, int Index) slot, string value)
    {
        if (slot.Key is not null) slot.Parent[slot.Key] = value;
        else slot.Parent.AsArray()[slot.Index] = value;
    }

    public static string Get((JsonNode Parent, string? Key, int Index) slot) =>
        slot.Key is not null ? (string)slot.Parent[slot.Key]! : (string)slot.Parent.AsArray()[slot.Index]!;
}
