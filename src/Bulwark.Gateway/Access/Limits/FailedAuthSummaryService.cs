using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Access.Limits;

/// <summary>Appends the <see cref="FailedAuthSummary"/> records when their window ends, and the open ones at shutdown.</summary>
public sealed partial class FailedAuthSummaryService(FailedAuthSummary summary, AccessAuditor auditor, TimeProvider time, ILogger<FailedAuthSummaryService> logger)
    : BackgroundService
{
    /// <summary>Appends every record whose window has ended (all of them when <paramref name="all"/>); returns how many.</summary>
    public async Task<int> FlushAsync(bool all, CancellationToken cancellationToken)
    {
        var records = summary.TakeClosed(all);
        foreach (var record in records)
        {
            try
            {
                await auditor.AppendAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (AuditUnavailableException ex)
            {
                LogLost(logger, record.Actor ?? "", ex.Message);
            }
        }
        return records.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Min(10, summary.Window.TotalSeconds)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) await FlushAsync(false, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: StopAsync flushes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await FlushAsync(true, CancellationToken.None).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "a failed-authentication summary for {Address} could not be audited: {Error}")]
    private static partial void LogLost(ILogger logger, string address, string error);
}
