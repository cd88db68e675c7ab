using System.Runtime.CompilerServices;
using Bulwark.Audit.Export;
using Bulwark.Audit.Tree;
using Bulwark.Gateway.Auditing.Stores;

namespace Bulwark.Cli.Commands.Audit;

/// <summary>Reads the log straight from its store.</summary>
internal sealed class StoreAuditSource(IAuditStore store) : IAuditSource
{
    public IAuditStore Store => store;

    public string Name => store.Name;

    public IHashReader? Hints => store;

    public static async Task<StoreAuditSource> OpenAsync(string uri, CancellationToken cancellationToken, bool mustExist = true)
    {
        IAuditStore store;
        try
        {
            if (mustExist && uri.StartsWith("sqlite://", StringComparison.Ordinal) && !File.Exists(uri["sqlite://".Length..]))
                throw new CliUsageException($"store file '{uri["sqlite://".Length..]}' does not exist");
            store = AuditStoreFactory.Create(uri);
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message);
        }
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw new CliUsageException($"cannot open the audit store: {ex.Message}");
        }
        return new StoreAuditSource(store);
    }

    public Task<long> GetSizeAsync(CancellationToken cancellationToken) => store.GetSizeAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> GetCheckpointsAsync(CancellationToken cancellationToken) =>
        (await store.ListCheckpointsAsync(cancellationToken).ConfigureAwait(false)).Select(c => c.Note).ToArray();

    public async IAsyncEnumerable<LogEntry> ReadRecordsAsync(long from, long count, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int Page = 5000;
        var end = from + count;
        var next = from;
        while (next < end)
        {
            var page = await store.ReadLeavesAsync(next, Page, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0) yield break;
            foreach (var leaf in page)
            {
                if (leaf.Index >= end) yield break;
                yield return new LogEntry(leaf.Index, leaf.Data, leaf.LeafHash);
            }
            next = page[^1].Index + 1;
        }
    }

    public async Task<IReadOnlyList<byte[]>> InclusionProofAsync(long index, long size, CancellationToken cancellationToken) =>
        await ProofBuilder.InclusionProofAsync(store, index, size, cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => store.DisposeAsync();
}
