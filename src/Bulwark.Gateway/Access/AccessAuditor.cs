using Bulwark.Gateway.Auditing;

namespace Bulwark.Gateway.Access;

/// <summary>
/// Writes the access feature's audit records (admin actions, offender escalations) through the audit engineer's
/// <see cref="IAuditAppender"/>. With no appender registered it refuses (throws), so that nothing is done unaudited.
/// </summary>
public sealed class AccessAuditor(Func<IAuditAppender?> appender)
{
    public bool IsAvailable => appender() is not null;

    /// <summary>Appends the record and returns its leaf index. Throws <see cref="AuditUnavailableException"/> when it cannot be recorded.</summary>
    public async Task<long> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var a = appender() ?? throw new AuditUnavailableException("the audit log is not configured");
        try
        {
            return await a.AppendAsync(record.ToCanonicalBytes(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not AuditUnavailableException)
        {
            throw new AuditUnavailableException($"the audit log did not accept the record ({ex.GetType().Name})");
        }
    }
}
