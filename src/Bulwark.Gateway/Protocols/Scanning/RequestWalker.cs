using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Core.Conversations;

namespace Bulwark.Gateway.Protocols.Scanning;

/// <summary>
/// Walks a request body against its protocol's <see cref="FieldSpec"/> tree and collects every string the model
/// will read, with its trust (role, part kind), into the conversation the input guards scan. Fields the tree does
/// not know are dropped from the body, refused, or scanned as untrusted data (<see cref="UnknownFieldHandling"/>);
/// closed-vocabulary fields are checked instead of scanned; encoded documents are decoded and scanned; content the
/// gateway cannot read (file ids, document URLs, binary documents) is refused. The body is changed in place, so
/// what is forwarded afterwards is exactly what was walked: nothing reaches an upstream that the walk did not see.
/// Never throws for bad input.
/// </summary>
public sealed class RequestWalker
{
    private const string InvalidType = "invalid_type";

    private const string MediaTypeField = "media_type";
    private readonly UnknownFieldHandling _unknown;
    private readonly bool _dotted;
    private readonly List<ContentPart> _request = [];
    private readonly List<(MessageRole Role, List<ContentPart> Parts)> _messages = [];
    private RequestError? _error;

    private RequestWalker(UnknownFieldHandling unknown, bool dottedPaths)
    {
        _unknown = unknown;
        _dotted = dottedPaths;
    }

    /// <summary>Walks <paramref name="body"/> (changing it when fields are dropped). Paths in errors use "a.0.b" when <paramref name="dottedPaths"/>, else "a[0].b".</summary>
    public static WalkOutcome Walk(JsonObject body, FieldSpec root, UnknownFieldHandling unknown, bool dottedPaths, string model)
    {
        var walker = new RequestWalker(unknown, dottedPaths);
        var context = new Context(MessageRole.System, ContentPartKind.Text, -1);
        walker.Visit(body, root, "", context, null);
        if (walker._error is not null) return new WalkOutcome(null, walker._error);
        return new WalkOutcome(walker.Build(model), null);
    }

    private readonly record struct Context(MessageRole Role, ContentPartKind Kind, int Message);

    private enum Step
    {
        Keep,
        Remove,
    }

    private Conversation Build(string model)
    {
        var messages = new List<ConversationMessage>(_messages.Count + 1);
        if (_request.Count > 0)
        {
            // Request-level text (tool definitions, the system field, schemas) is one message: one part per kind.
            var merged = _request.GroupBy(p => p.Kind).Select(g => new ContentPart(g.Key, string.Join("\n", g.Select(p => p.Text)))).ToList();
            messages.Add(new ConversationMessage(MessageRole.System, merged));
        }
        foreach (var (role, parts) in _messages) messages.Add(new ConversationMessage(role, parts));
        return new Conversation(model, messages);
    }

    private void Emit(in Context context, ContentPartKind kind, string text)
    {
        if (text.Length == 0) return;
        var part = new ContentPart(kind, text);
        if (context.Message < 0) _request.Add(part);
        else _messages[context.Message].Parts.Add(part);
    }

    private string Child(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private string Index(string path, int i) => _dotted ? path + "." + i.ToString(System.Globalization.CultureInfo.InvariantCulture) : path + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    private Step Fail(string code, string message, string path)
    {
        _error ??= new RequestError(code, message, path);
        return Step.Keep;
    }

    private Step Visit(JsonNode? node, FieldSpec spec, string path, Context context, JsonObject? parent)
    {
        if (_error is not null || node is null) return Step.Keep;
        context = context with { Role = spec.Role ?? context.Role, Kind = spec.Kind ?? context.Kind };

        switch (spec.Content)
        {
            case FieldContent.Replaced:
                return Step.Keep;
            case FieldContent.Free:
                EmitFree(node, context);
                return Step.Keep;
            case FieldContent.Unscannable:
                return Fail("unscannable_content", $"{path}: Bulwark cannot read this content to check it; send it inline as text", path);
        }

        // A field of the wrong JSON type is refused, not forwarded for the upstream to guess at (or dropped in silence).
        var isString = node is JsonValue sv && sv.GetValueKind() == JsonValueKind.String;
        if ((spec.Properties is not null || spec.Variants is not null) && spec.Items is null && node is not JsonObject)
            return Fail(InvalidType, $"{path}: expected an object", path);
        if ((spec.RequireString || spec.Content is not FieldContent.Text) && !isString)
            return Fail(InvalidType, $"{path}: expected a string", path);

        switch (node)
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return VisitString(value.GetValue<string>(), spec, path, context, parent);
            case JsonValue:
                return Step.Keep; // numbers, booleans
            case JsonArray array:
                if (spec.Items is null)
                {
                    EmitFree(array, context);
                    return Step.Keep;
                }
                return VisitArray(array, spec.Items, path, context);
            case JsonObject obj:
                return VisitObject(obj, spec, path, context);
            default:
                return Step.Keep;
        }
    }

    private Step VisitArray(JsonArray array, FieldSpec items, string path, Context context)
    {
        List<int>? removed = null;
        for (var i = 0; i < array.Count && _error is null; i++)
        {
            if (Visit(array[i], items, Index(path, i), context, null) == Step.Remove) (removed ??= []).Add(i);
        }
        if (removed is not null)
        {
            for (var k = removed.Count - 1; k >= 0; k--) array.RemoveAt(removed[k]);
        }
        return Step.Keep;
    }

    private Step VisitObject(JsonObject obj, FieldSpec spec, string path, Context context)
    {
        var isMessage = spec.IsMessage;
        // A variant may itself be a union (a Responses "message" item is chosen by "type", then by "role").
        while (spec.Variants is not null)
        {
            string? selector = null;
            if (obj.TryGetPropertyValue(spec.Discriminator!, out var d) && d is JsonValue dv && dv.GetValueKind() == JsonValueKind.String) selector = dv.GetValue<string>();
            selector ??= d is null ? spec.DefaultVariant : null;
            if (selector is null || !spec.Variants.TryGetValue(selector, out var variant))
            {
                var at = Child(path, spec.Discriminator!);
                if (spec.Strict) return Fail("invalid_" + spec.Discriminator, $"{at}: '{Short(selector ?? "(missing)")}' is not one of {string.Join(", ", spec.Variants.Keys.Order(StringComparer.Ordinal))}", at);
                return Unknown(obj, at, $"{at}: '{Short(selector ?? d?.ToJsonString() ?? "(missing)")}' is not a supported {spec.Discriminator}", context);
            }
            spec = variant;
            isMessage |= spec.IsMessage;
            context = context with { Role = spec.Role ?? context.Role, Kind = spec.Kind ?? context.Kind };
        }
        if (isMessage)
        {
            _messages.Add((context.Role, []));
            context = context with { Message = _messages.Count - 1 };
        }
        if (spec.Properties is null)
        {
            EmitFree(obj, context);
            return Step.Keep;
        }

        List<string>? removed = null;
        foreach (var (name, value) in obj)
        {
            if (_error is not null) break;
            var at = Child(path, name);
            if (!spec.Properties.TryGetValue(name, out var child))
            {
                if (Unknown(value, at, $"{at}: unknown field", context) == Step.Remove) (removed ??= []).Add(name);
                continue;
            }
            if (Visit(value, child, at, context, obj) == Step.Remove) (removed ??= []).Add(name);
        }
        if (removed is not null)
        {
            foreach (var name in removed) obj.Remove(name);
        }
        return Step.Keep;
    }

    private Step Unknown(JsonNode? node, string path, string message, Context context)
    {
        switch (_unknown)
        {
            case UnknownFieldHandling.Reject:
                return Fail("unknown_field", message + " (this gateway refuses fields it does not know)", path);
            case UnknownFieldHandling.Pass:
                // Forwarded as it came, so every key and string in it is scanned, as untrusted data.
                EmitFree(node, context with { Kind = ContentPartKind.Document });
                return Step.Keep;
            default:
                return Step.Remove;
        }
    }

    private Step VisitString(string text, FieldSpec spec, string path, Context context, JsonObject? parent)
    {
        if (spec.Values is not null)
        {
            return spec.Values.Contains(text)
                ? Step.Keep
                : Fail("invalid_value", $"{path}: '{Short(text)}' is not one of {string.Join(", ", spec.Values.Order(StringComparer.Ordinal))}", path);
        }
        switch (spec.Content)
        {
            case FieldContent.Base64Media:
                return IsBase64(text) ? Step.Keep : Fail("invalid_base64", $"{path}: must be base64", path);
            case FieldContent.Base64Document:
                return ScanEncodedDocument(parent?[MediaTypeField] is JsonValue mt && mt.GetValueKind() == JsonValueKind.String ? mt.GetValue<string>() : "", text, path, context);
            case FieldContent.MediaUrl:
                if (!text.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
                {
                    Emit(context, context.Kind, text);
                    return Step.Keep;
                }
                return TrySplitDataUrl(text, out _, out var media) && IsBase64(media)
                    ? Step.Keep
                    : Fail("invalid_base64", $"{path}: a data: URL must be data:<media type>;base64,<base64>", path);
            case FieldContent.DocumentDataUrl:
                return TrySplitDataUrl(text, out var mediaType, out var payload)
                    ? ScanEncodedDocument(mediaType, payload, path, context)
                    : Fail("invalid_base64", $"{path}: must be a data: URL (data:<media type>;base64,<base64>)", path);
            default:
                Emit(context, context.Kind, text);
                return Step.Keep;
        }
    }

    private Step ScanEncodedDocument(string mediaType, string base64, string path, Context context)
    {
        if (!mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) && !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            return Fail("unscannable_content", $"{path}: Bulwark can check text documents only (got media type '{Short(mediaType)}'); send the text inline", path);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return Fail("invalid_base64", $"{path}: must be base64", path);
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Fail("invalid_content", $"{path}: a text document must be UTF-8", path);
        }
        Emit(context, ContentPartKind.Document, text);
        return Step.Keep;
    }

    /// <summary>Every key and string of a free-form subtree, as one text (keys of a JSON Schema are read by the model too).</summary>
    private void EmitFree(JsonNode? node, in Context context)
    {
        var sb = new StringBuilder();
        Collect(node, sb);
        Emit(context, context.Kind, sb.ToString());

        static void Collect(JsonNode? node, StringBuilder sb)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (k, v) in o)
                    {
                        Append(sb, k);
                        Collect(v, sb);
                    }
                    break;
                case JsonArray a:
                    foreach (var v in a) Collect(v, sb);
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    Append(sb, v.GetValue<string>());
                    break;
            }
        }

        static void Append(StringBuilder sb, string s)
        {
            if (s.Length == 0) return;
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(s);
        }
    }

    private static bool TrySplitDataUrl(string url, out string mediaType, out string payload)
    {
        mediaType = payload = "";
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)) return false;
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0) return false;
        var header = url[5..comma];
        if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase)) return false;
        mediaType = header[..^7].Split(';')[0];
        payload = url[(comma + 1)..];
        return true;
    }

    private static bool IsBase64(string s)
    {
        if (s.Length == 0) return false;
        Span<byte> buffer = s.Length <= 4096 ? stackalloc byte[s.Length] : new byte[s.Length];
        return Convert.TryFromBase64String(s, buffer, out _);
    }

    private static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
