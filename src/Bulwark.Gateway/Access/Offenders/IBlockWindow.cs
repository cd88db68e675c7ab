namespace Bulwark.Gateway.Access.Offenders;

/// <summary>A sliding window of blocked requests per principal.</summary>
public interface IBlockWindow
{
    string Name { get; }

    /// <summary>Adds a block at <paramref name="at"/> and returns how many fall within <paramref name="window"/> before it.</summary>
    ValueTask<long> AddAsync(string principalId, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken);

    ValueTask ResetAsync(string principalId, CancellationToken cancellationToken);
}
