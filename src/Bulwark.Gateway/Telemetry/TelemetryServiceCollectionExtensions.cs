using System.Diagnostics.Metrics;
using Bulwark.Core.Diagnostics;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bulwark.Gateway.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Histogram buckets for every duration in seconds: 10 µs to 10 s.</summary>
    public static readonly double[] SecondsBuckets =
        [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>
    /// Traces (ActivitySource "Bulwark" plus ASP.NET Core server spans) and metrics (this gateway's meter "Bulwark", Prometheus at
    /// /metrics), exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or the per-signal variable) is set, with
    /// the standard <c>OTEL_EXPORTER_OTLP_*</c> variables for protocol, headers and timeouts. Wraps the access controller
    /// and the audit appender (registered before this call) in spans. Call after <c>AddBulwarkAccess</c> and <c>AddBulwarkAudit</c>.
    /// </summary>
    public static IServiceCollection AddBulwarkTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Bulwark:Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddSingleton(options);
        services.AddHttpContextAccessor();
        Decorate<IAccessController>(services, (sp, inner) =>
        {
            var metrics = sp.GetRequiredService<GatewayMetrics>();
            if (sp.GetService<IAccessHealth>() is { } health)
                metrics.ObserveGauge("bulwark_access_state_age_seconds", "s", "Age of this node's confirmed access state", () => health.Age == TimeSpan.MaxValue ? double.PositiveInfinity : health.Age.TotalSeconds);
            return new TracingAccessController(inner, metrics);
        });
        Decorate<IAuditAppender>(services, (sp, inner) => new TracingAuditAppender(inner, sp.GetRequiredService<GatewayMetrics>(), sp.GetRequiredService<IHttpContextAccessor>()));

        var traces = Has(configuration, "OTEL_EXPORTER_OTLP_ENDPOINT") || Has(configuration, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        var metricsExport = Has(configuration, "OTEL_EXPORTER_OTLP_ENDPOINT") || Has(configuration, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
        var otel = services.AddOpenTelemetry();
        if (!Has(configuration, "OTEL_SERVICE_NAME")) otel.ConfigureResource(r => r.AddService("bulwark"));
        otel.WithMetrics(m =>
        {
            // AddMeter selects by name, which every gateway in this process shares; the view drops the instruments of
            // other gateways' meters (another IMeterFactory), so /metrics and OTLP show this gateway's numbers only.
            m.AddMeter(GatewayMetrics.MeterName).AddPrometheusExporter();
            if (m is not IDeferredMeterProviderBuilder deferred) throw new InvalidOperationException("the OpenTelemetry meter provider builder cannot resolve services");
            deferred.Configure((sp, b) =>
            {
                var factory = sp.GetRequiredService<IMeterFactory>();
                b.AddView(instrument => View(instrument, factory));
            });
            if (metricsExport) m.AddOtlpExporter();
        });
        if (traces)
        {
            otel.WithTracing(t => t
                .AddSource(BulwarkDiagnostics.SourceName)
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.RecordException = false;
                    o.Filter = ctx => ctx.Request.Path != "/metrics" && ctx.Request.Path != "/healthz";
                })
                .AddOtlpExporter());
        }
        return services;
    }

    private static MetricStreamConfiguration? View(Instrument instrument, IMeterFactory factory)
    {
        if (instrument.Meter.Name != GatewayMetrics.MeterName) return null;
        if (!GatewayMetrics.BelongsTo(instrument, factory)) return MetricStreamConfiguration.Drop;
        return instrument.Unit == "s" ? new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBuckets } : null;
    }

    /// <summary>The request log and the /metrics key check; call before the endpoints are mapped.</summary>
    public static IApplicationBuilder UseBulwarkTelemetry(this IApplicationBuilder app) => app.UseMiddleware<RequestLogMiddleware>();

    private static bool Has(IConfiguration configuration, string name) => !string.IsNullOrWhiteSpace(configuration[name]);

    /// <summary>Replaces the last registration of <typeparamref name="T"/> with a singleton wrapping it.</summary>
    private static void Decorate<T>(IServiceCollection services, Func<IServiceProvider, T, T> wrap)
        where T : class
    {
        var last = services.LastOrDefault(d => d.ServiceType == typeof(T) && !d.IsKeyedService);
        if (last is null) return;
        services.Remove(last);
        services.AddSingleton(sp =>
        {
            var inner = last.ImplementationInstance as T
                ?? (last.ImplementationFactory is { } f ? (T)f(sp) : (T)ActivatorUtilities.CreateInstance(sp, last.ImplementationType!));
            return wrap(sp, inner);
        });
    }
}
