using static Bulwark.Gateway.Protocols.Scanning.FieldSpec;

namespace Bulwark.Gateway.Protocols.Scanning;

/// <summary>
/// The fields of POST /v1/embeddings (OpenAI API reference, embeddings create). "input" is a string or an array of
/// strings, all scanned; token arrays cannot be read as text, so they are refused.
/// </summary>
public static class OpenAiEmbeddingsFields
{
    public static readonly FieldSpec Request = Object(
        ("model", new FieldSpec { Content = FieldContent.Replaced }),
        ("input", Text with { Items = FieldSpec.String }),
        ("encoding_format", OneOf("float", "base64")),
        ("dimensions", Text),
        ("user", Text));
}
