using System.Diagnostics.Metrics;

namespace Bulwark.Gateway.Pipeline;

/// <summary>The gateway's instruments (meter "Bulwark"), exported on /metrics. Labels never carry content or keys.</summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Bulwark";
    private readonly Meter _meter = new(MeterName, "1.0");

    public GatewayMetrics()
    {
        Requests = _meter.CreateCounter<long>("bulwark_requests", description: "API requests by protocol and outcome");
        Blocks = _meter.CreateCounter<long>("bulwark_blocks", description: "Blocked requests and answers by stage and category");
        GuardDuration = _meter.CreateHistogram<double>("bulwark_guard_duration", unit: "ms", description: "Guard pipeline time per stage");
        TimeToFirstToken = _meter.CreateHistogram<double>("bulwark_time_to_first_token", unit: "ms", description: "Time from request to the first released text of a stream");
        AuditFailures = _meter.CreateCounter<long>("bulwark_audit_failures", description: "Requests refused because their audit record could not be written");
    }

    public Counter<long> Requests { get; }

    public Counter<long> Blocks { get; }

    public Histogram<double> GuardDuration { get; }

    public Histogram<double> TimeToFirstToken { get; }

    public Counter<long> AuditFailures { get; }

    public void Dispose() => _meter.Dispose();
}
