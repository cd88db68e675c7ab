namespace Bulwark.Gateway.Access.Stores;

public enum StoreStatus
{
    Applied = 0,
    NotFound = 1,
    /// <summary>The change was already in effect (e.g. revoking a revoked key); nothing changed, no version bump.</summary>
    Unchanged = 2,
    Conflict = 3,
}
