using System.Diagnostics.CodeAnalysis;
using Bulwark.Core.Conversations;

namespace Bulwark.Gateway.Protocols.Scanning;

/// <summary>Either the text of a request as guards will read it, or why the request is refused.</summary>
public readonly record struct WalkOutcome(Conversation? Scanned, RequestError? Error)
{
    [MemberNotNullWhen(true, nameof(Scanned))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Ok => Scanned is not null;
}
