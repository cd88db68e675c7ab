using Bulwark.Gateway.Access.Stores;
using Bulwark.Gateway.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Access.Propagation;

/// <summary>
/// Keeps this node's access state current. At start: migrate, load, subscribe to the bus. Then every MaxStaleness/3:
/// heartbeat the bus (PING), read the store version (reload when it moved — this catches missed messages and changes
/// made directly on the store), and only when both answered, advance the confirmed time. Also flushes last-used times
/// and ends requests whose access lapsed by the clock.
/// </summary>
public sealed class AccessPropagationService(
    IAccessStore store,
    IAccessBus bus,
    AccessStateManager manager,
    LastUsedRecorder lastUsed,
    AccessSettings settings,
    BulwarkOptions options,
    TimeProvider time,
    ILogger<AccessPropagationService> logger) : IHostedService, IAsyncDisposable
{
    private CancellationTokenSource? _stopping;
    private Task? _loop;

    public TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(Math.Max(50, options.MaxStaleness.TotalMilliseconds / 3));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        try
        {
            await store.MigrateAsync(cancellationToken);
            await bus.SubscribeAsync(OnVersionAsync, cancellationToken);
            await RoundAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Fail closed rather than refuse to start: the state stays stale (503 for protected models) until the loop succeeds.
            logger.LogError("access: initial load from the {Store} store failed ({Error}); protected models are refused until it succeeds", store.Name, ex.GetType().Name);
        }
        _loop = Task.Run(() => LoopAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is not { } stopping) return;
        await stopping.CancelAsync();
        if (_loop is not null)
        {
            try { await _loop.WaitAsync(cancellationToken); } catch (OperationCanceledException) { }
        }
        try { await lastUsed.FlushAsync(store, cancellationToken); } catch (Exception ex) when (ex is not OperationCanceledException) { }
    }

    /// <summary>One reconcile round: bus heartbeat, store version, reload if needed, confirm when both answered.</summary>
    public async Task RoundAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var busOk = await bus.PingAsync(cancellationToken);
        bool storeOk;
        try
        {
            var version = await store.GetVersionAsync(cancellationToken);
            if (!manager.Loaded || version != manager.Version) await manager.ReloadAsync(cancellationToken);
            storeOk = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            storeOk = false;
            logger.LogWarning("access: the {Store} store did not answer ({Error})", store.Name, ex.GetType().Name);
        }
        manager.ReportReachability(storeOk, busOk);
        if (storeOk && busOk) manager.Confirm(started);
        manager.SweepWithdrawals();
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        var nextFlush = time.GetUtcNow() + settings.Access.LastUsedFlushInterval;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stopping);
                await RoundAsync(stopping);
                if (time.GetUtcNow() >= nextFlush)
                {
                    nextFlush = time.GetUtcNow() + settings.Access.LastUsedFlushInterval;
                    await lastUsed.FlushAsync(store, stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("access: reconcile round failed ({Error})", ex.GetType().Name);
            }
        }
    }

    private async Task OnVersionAsync(long version)
    {
        if (version <= manager.Version) return;
        try
        {
            await manager.ReloadAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning("access: reload for version {Version} failed ({Error}); the reconcile loop retries", version, ex.GetType().Name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered both as itself and as a hosted service, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _stopping, null) is { } stopping)
        {
            await stopping.CancelAsync();
            stopping.Dispose();
        }
    }
}
