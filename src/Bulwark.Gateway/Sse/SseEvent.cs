namespace Bulwark.Gateway.Sse;

/// <summary>One server-sent event: its type (empty when no "event:" field) and its data lines joined by "\n".</summary>
public readonly record struct SseEvent(string EventType, string Data);
