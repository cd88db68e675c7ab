using Bulwark.Audit.Export;
using Bulwark.Audit.Tree;

namespace Bulwark.Cli.Commands.Audit;

/// <summary>Where the audit commands read a log from: a store (SQLite/PostgreSQL) or a gateway's auditor API.</summary>
internal interface IAuditSource : IAsyncDisposable
{
    string Name { get; }

    Task<long> GetSizeAsync(CancellationToken cancellationToken);

    /// <summary>All signed checkpoints known to the source, oldest first (a gateway serves at least the latest).</summary>
    Task<IReadOnlyList<string>> GetCheckpointsAsync(CancellationToken cancellationToken);

    IAsyncEnumerable<LogEntry> ReadRecordsAsync(long from, long count, CancellationToken cancellationToken);

    Task<IReadOnlyList<byte[]>> InclusionProofAsync(long index, long size, CancellationToken cancellationToken);

    /// <summary>The source's tree-hash cache, used only to localise a fault (never trusted on its own), or null.</summary>
    IHashReader? Hints { get; }
}
