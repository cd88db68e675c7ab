namespace Bulwark.Gateway.Auditing;

/// <summary>
/// Appends canonical audit record bytes to the log. The returned task completes with the record's leaf
/// index only once the record is durable (committed); a failure surfaces as an exception so that the
/// caller can refuse to answer rather than serve an unaudited response.
/// </summary>
public interface IAuditAppender
{
    ValueTask<long> AppendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken);
}
