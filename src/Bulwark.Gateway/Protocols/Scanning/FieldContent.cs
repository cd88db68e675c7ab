namespace Bulwark.Gateway.Protocols.Scanning;

/// <summary>How the strings of a field reach the model, and so how the walk treats them.</summary>
public enum FieldContent
{
    /// <summary>Text the model reads: scanned.</summary>
    Text,

    /// <summary>Free-form JSON (a JSON Schema, tool arguments, metadata): every key and string is scanned, as one text.</summary>
    Free,

    /// <summary>Replaced by the gateway before forwarding (the model name): never reaches the upstream as sent.</summary>
    Replaced,

    /// <summary>Base64 image or audio bytes: must decode; not text, so not scanned.</summary>
    Base64Media,

    /// <summary>Base64 document bytes beside a "media_type": text/* is decoded and scanned, anything else is refused.</summary>
    Base64Document,

    /// <summary>An image URL: a data: URL must hold valid base64 (not scanned); any other URL is scanned as text.</summary>
    MediaUrl,

    /// <summary>A data: URL holding a document: text/* is decoded and scanned, anything else is refused.</summary>
    DocumentDataUrl,

    /// <summary>A reference to content the gateway cannot read (an uploaded file id, a document URL): refused.</summary>
    Unscannable,
}
