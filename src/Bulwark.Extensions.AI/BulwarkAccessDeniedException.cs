namespace Bulwark.Extensions.AI;

/// <summary>The access check in <see cref="BulwarkChatClientOptions.Authorize"/> refused the caller; the inner client was not called.</summary>
public sealed class BulwarkAccessDeniedException(string reason) : Exception(reason);
