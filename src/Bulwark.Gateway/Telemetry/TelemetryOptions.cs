namespace Bulwark.Gateway.Telemetry;

/// <summary>Telemetry settings (<c>Bulwark:Telemetry</c>). Export goes by the standard <c>OTEL_EXPORTER_OTLP_*</c> variables.</summary>
public sealed record TelemetryOptions
{
    /// <summary>When true, <c>/metrics</c> answers only to an admin or auditor key (Authorization: Bearer).</summary>
    public bool MetricsRequireKey { get; init; }

    /// <summary>Write one structured log line per request (category <c>Bulwark.Requests</c>).</summary>
    public bool RequestLog { get; init; } = true;
}
