namespace Bulwark.Gateway.Telemetry;

/// <summary>
/// What the request log line says about one request, filled from its audit record(s) as they are appended: ids,
/// outcome, codes and timings, never text.
/// </summary>
public sealed class RequestTelemetryFeature
{
    public string? Kind { get; set; }

    public string? Outcome { get; set; }

    public string? Reason { get; set; }

    public string? Model { get; set; }

    public string? Principal { get; set; }

    public List<string> Codes { get; } = [];

    public long? AuditIndex { get; set; }

    public double AuditMilliseconds { get; set; }
}
