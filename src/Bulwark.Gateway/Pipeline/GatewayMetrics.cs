using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Bulwark.Core.Diagnostics;
using Bulwark.Core.Guards;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Upstreams;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// The gateway's instruments (meter "Bulwark", exported on /metrics and over OTLP) and the request path's span helpers.
/// Labels are names and codes (guard, stage, model, upstream, outcome, category), never content or keys. Durations are
/// in seconds, in histograms whose buckets run from 10 µs to 10 s (see <see cref="Telemetry.TelemetryServiceCollectionExtensions"/>).
/// The meter comes from the gateway's own <see cref="IMeterFactory"/>, so two gateways in one process have two meters
/// (same name, different <see cref="Meter.Scope"/>) and each gateway's exporter reads only its own
/// (<see cref="BelongsTo"/>). The factory owns and disposes the meter.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Bulwark";
    private readonly Meter _meter;
    private readonly BulwarkOptions? _options;

    public GatewayMetrics(IMeterFactory meterFactory, BulwarkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(new MeterOptions(MeterName) { Version = "1.0" });
        _options = options;
        Requests = _meter.CreateCounter<long>("bulwark_requests", description: "API requests by protocol and outcome");
        Blocks = _meter.CreateCounter<long>("bulwark_blocks", description: "Blocked requests and answers by stage and category");
        GuardDuration = _meter.CreateHistogram<double>("bulwark_guard_duration", unit: "ms", description: "Guard pipeline time per stage");
        TimeToFirstToken = _meter.CreateHistogram<double>("bulwark_time_to_first_token", unit: "ms", description: "Time from request to the first released text of a stream");
        AuditFailures = _meter.CreateCounter<long>("bulwark_audit_failures", description: "Requests refused because their audit record could not be written");
        Guard = _meter.CreateHistogram<double>("bulwark_guard_seconds", unit: "s", description: "Time of one guard's run, by guard, stage, action, model and upstream");
        UpstreamLatency = _meter.CreateHistogram<double>("bulwark_upstream_seconds", unit: "s", description: "Upstream call time (to the first event and in total), by upstream, model and phase");
        UpstreamErrors = _meter.CreateCounter<long>("bulwark_upstream_errors", description: "Upstream failures by upstream, model and code");
        RateLimited = _meter.CreateCounter<long>("bulwark_rate_limit_hits", description: "Requests refused by a rate limit");
        AccessDenials = _meter.CreateCounter<long>("bulwark_access_denials", description: "Requests refused by access control, by code");
        AuditAppend = _meter.CreateHistogram<double>("bulwark_audit_append_seconds", unit: "s", description: "Time to make one audit record durable");
        RequestDuration = _meter.CreateHistogram<double>("bulwark_request_seconds", unit: "s", description: "Whole request time by route and status");
    }

    /// <summary>The meter this gateway's instruments are on.</summary>
    public Meter Meter => _meter;

    /// <summary>True when <paramref name="instrument"/> was created by the gateway whose meter factory is <paramref name="meterFactory"/>.</summary>
    public static bool BelongsTo(Instrument instrument, IMeterFactory meterFactory) =>
        instrument.Meter.Name == MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory);

    public Counter<long> Requests { get; }

    public Counter<long> Blocks { get; }

    public Histogram<double> GuardDuration { get; }

    public Histogram<double> TimeToFirstToken { get; }

    public Counter<long> AuditFailures { get; }

    public Histogram<double> Guard { get; }

    public Histogram<double> UpstreamLatency { get; }

    public Counter<long> UpstreamErrors { get; }

    public Counter<long> RateLimited { get; }

    public Counter<long> AccessDenials { get; }

    public Histogram<double> AuditAppend { get; }

    public Histogram<double> RequestDuration { get; }

    /// <summary>Observes a gauge on this meter (used for the access state's age).</summary>
    public void ObserveGauge(string name, string unit, string description, Func<double> read) =>
        _meter.CreateObservableGauge(name, read, unit, description);

    /// <summary>The "stage" label of the input guards.</summary>
    public const string InputStage = "input";

    /// <summary>The "stage" label of the output guards.</summary>
    public const string OutputStage = "output";

    /// <summary>Records a stage's guard time (<paramref name="milliseconds"/>, all its runs) and one sample per guard of its deciding verdict.</summary>
    public void RecordStage(string stage, Verdict verdict, double milliseconds, string? model)
    {
        GuardDuration.Record(milliseconds, new KeyValuePair<string, object?>("stage", stage));
        RecordGuardRuns(verdict, stage, model);
    }

    /// <summary>Counts one block per category that decided it.</summary>
    public void RecordBlocks(string stage, IEnumerable<string> categories)
    {
        foreach (var c in categories) Blocks.Add(1, new("stage", stage), new("category", c));
    }

    /// <summary>Records one <c>bulwark_guard_seconds</c> sample per guard of a verdict (for the output stage: the deciding window's verdict).</summary>
    public void RecordGuardRuns(Verdict verdict, string stage, string? model)
    {
        if (!Guard.Enabled) return;
        var upstream = UpstreamOf(model);
        foreach (var g in verdict.Guards)
        {
            Guard.Record(g.Milliseconds / 1000.0,
                new("guard", g.Name), new("stage", stage), new("action", g.Action.ToString().ToLowerInvariant()), new("model", model ?? ""), new("upstream", upstream));
        }
    }

    /// <summary>Streams from the upstream inside an "upstream" span, recording time to the first event, total time and failures.</summary>
    public async IAsyncEnumerable<UpstreamEvent> TraceUpstream(IUpstreamClient upstream, UpstreamCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var model = call.Conversation.Model;
        using var span = BulwarkDiagnostics.Source.StartActivity("upstream", ActivityKind.Client);
        span?.SetTag("bulwark.upstream", upstream.Name).SetTag("bulwark.upstream.kind", upstream.Kind).SetTag("bulwark.model", model);
        var started = Stopwatch.GetTimestamp();
        var first = true;
        var outcome = "ok";
        try
        {
            await foreach (var e in upstream.StreamAsync(call, cancellationToken).ConfigureAwait(false))
            {
                if (first)
                {
                    first = false;
                    UpstreamLatency.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new("upstream", upstream.Name), new("model", model), new("phase", "first_event"));
                }
                if (e is UpstreamFailure failure)
                {
                    outcome = failure.Code;
                    UpstreamErrors.Add(1, new("upstream", upstream.Name), new("model", model), new("code", failure.Code));
                    span?.SetStatus(ActivityStatusCode.Error, failure.Code);
                }
                yield return e;
            }
        }
        finally
        {
            UpstreamLatency.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new("upstream", upstream.Name), new("model", model), new("phase", "total"));
            span?.SetTag("bulwark.outcome", outcome);
        }
    }

    /// <summary>A span around the output gate's final scan, or null when nobody listens.</summary>
    public static Activity? StartOutputGate() => BulwarkDiagnostics.Source.StartActivity("output_gate");

    private string UpstreamOf(string? model) =>
        model is not null && _options is not null && _options.Models.TryGetValue(model, out var m) ? m.Upstream : "";
}
