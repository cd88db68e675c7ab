namespace Bulwark.Gateway.Access.Stores;

/// <summary>The result of a store change: its status and, when applied, the new access version.</summary>
public readonly record struct StoreOutcome(StoreStatus Status, long Version)
{
    public bool Applied => Status == StoreStatus.Applied;

    public static StoreOutcome NotFound => new(StoreStatus.NotFound, 0);

    public static StoreOutcome Unchanged => new(StoreStatus.Unchanged, 0);
}
