using System.Diagnostics.CodeAnalysis;

namespace Bulwark.Gateway.Protocols;

/// <summary>Either a parsed request or the reason it was refused. Parsing returns this instead of throwing.</summary>
public readonly record struct ParseOutcome(ParsedRequest? Request, RequestError? Error)
{
    [MemberNotNullWhen(true, nameof(Request))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Ok => Request is not null;

    public static implicit operator ParseOutcome(ParsedRequest request) => new(request, null);

    public static implicit operator ParseOutcome(RequestError error) => new(null, error);
}
