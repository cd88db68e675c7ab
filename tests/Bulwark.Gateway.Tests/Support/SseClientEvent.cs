namespace Bulwark.Gateway.Tests.Support;

/// <summary>One event as a client saw it on the wire.</summary>
public sealed record SseClientEvent(string Event, string Data);
