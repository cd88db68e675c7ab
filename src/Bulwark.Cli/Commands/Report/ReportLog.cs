using System.Runtime.CompilerServices;
using Bulwark.Audit.Export;
using Bulwark.Audit.Tree;
using Bulwark.Cli.Commands.Audit;

namespace Bulwark.Cli.Commands.Report;

/// <summary>The log a report reads: a store (SQLite/PostgreSQL) or an export file. Records can be read more than once (verify, then compute).</summary>
internal sealed class ReportLog : IAsyncDisposable
{
    private readonly StoreAuditSource? _store;
    private readonly string? _exportPath;

    private ReportLog(string name, IReadOnlyList<string> checkpoints, StoreAuditSource? store, string? exportPath)
    {
        Name = name;
        Checkpoints = checkpoints;
        _store = store;
        _exportPath = exportPath;
    }

    public string Name { get; }

    public IReadOnlyList<string> Checkpoints { get; }

    /// <summary>The store's hash cache, used only to localise a fault; null for an export.</summary>
    public IHashReader? Hints => _store?.Hints;

    public static async Task<ReportLog> OpenStoreAsync(string uri, CancellationToken cancellationToken)
    {
        var source = await StoreAuditSource.OpenAsync(uri, cancellationToken).ConfigureAwait(false);
        try
        {
            return new ReportLog(source.Name, await source.GetCheckpointsAsync(cancellationToken).ConfigureAwait(false), source, null);
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static async Task<ReportLog> OpenExportAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new CliUsageException($"export file '{path}' not found");
        try
        {
            using var reader = await AuditExportReader.OpenAsync(path, cancellationToken).ConfigureAwait(false);
            return new ReportLog("export " + Path.GetFileName(path), reader.Checkpoints, null, path);
        }
        catch (FormatException ex)
        {
            throw new CliUsageException($"'{path}' is not a readable audit export: {ex.Message}");
        }
    }

    public IAsyncEnumerable<LogEntry> ReadRecordsAsync(CancellationToken cancellationToken) =>
        _store is not null ? _store.ReadRecordsAsync(0, long.MaxValue / 2, cancellationToken) : ReadExportAsync(_exportPath!, cancellationToken);

    private static async IAsyncEnumerable<LogEntry> ReadExportAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = await AuditExportReader.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        await foreach (var e in reader.ReadRecordsAsync(cancellationToken).ConfigureAwait(false)) yield return e;
    }

    public ValueTask DisposeAsync() => _store?.DisposeAsync() ?? ValueTask.CompletedTask;
}
