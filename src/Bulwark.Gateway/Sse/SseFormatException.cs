namespace Bulwark.Gateway.Sse;

/// <summary>The byte stream is not a well-formed, bounded event stream.</summary>
public sealed class SseFormatException(string message) : Exception(message);
