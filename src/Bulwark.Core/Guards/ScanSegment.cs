using Bulwark.Core.Conversations;

namespace Bulwark.Core.Guards;

/// <summary>
/// A piece of text to scan, already normalised. <see cref="Origin"/> says where it came from
/// ("system", "user", "assistant", "tool", "document", "output") and <see cref="Derivation"/> how it was
/// obtained (empty for the text itself; "base64", "rot13", "tag_chars"… for decoded hidden content).
/// </summary>
public sealed record ScanSegment(string Text, MessageRole Role, bool Untrusted, int MessageIndex, string Derivation = "")
{
    public bool IsDecoded => Derivation.Length > 0;
}
