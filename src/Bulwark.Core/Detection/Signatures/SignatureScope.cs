namespace Bulwark.Core.Detection.Signatures;

/// <summary>Which segments a signature applies to.</summary>
public enum SignatureScope
{
    /// <summary>Every segment the caller controls or supplies.</summary>
    Any,

    /// <summary>Only untrusted data (tool results, documents): indirect injection that tries to redirect the assistant.</summary>
    Untrusted,

    /// <summary>Every segment except the system message (for example system-prompt extraction: a system prompt may mention itself).</summary>
    NotSystem,
}
