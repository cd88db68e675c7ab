using Bulwark.Gateway.Auditing.Stores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Auditing;

/// <summary>Runs the audit log's lifetime: migrate at start, checkpoint periodically, drain and checkpoint at stop.</summary>
public sealed class AuditHostedService(
    IAuditStore store,
    BatchingAuditAppender appender,
    AuditCheckpointer checkpointer,
    ILogger<AuditHostedService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _checkpointLoop;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        appender.EnsureStarted();
        try
        {
            await checkpointer.CheckpointAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Witnesses.WitnessQuorumException ex)
        {
            logger.LogWarning("{Reason}; retrying at the next interval", ex.Message);
        }
        _checkpointLoop = Task.Run(() => checkpointer.RunAsync(_stopping.Token), CancellationToken.None);
        logger.LogInformation("audit log ready ({Store}, origin {Origin})", store.Name, checkpointer.Origin);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await appender.StopAsync(cancellationToken).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_checkpointLoop is not null) await _checkpointLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await checkpointer.CheckpointAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "final audit checkpoint failed");
        }
    }

    public void Dispose() => _stopping.Dispose();
}
