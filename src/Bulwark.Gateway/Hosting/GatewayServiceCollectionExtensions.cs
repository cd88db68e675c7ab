using Bulwark.Core.Detection;
using Bulwark.Core.Detection.Normalization;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Pipeline;
using Bulwark.Gateway.Protocols.Anthropic;
using Bulwark.Gateway.Protocols.OpenAi;
using Bulwark.Gateway.Upstreams;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Gateway.Hosting;

/// <summary>The request path's services: guards and policies, upstreams, protocols, the handler and metrics.</summary>
public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddBulwarkGateway(this IServiceCollection services, BulwarkOptions options, DetectionOptions? detection = null)
    {
        detection ??= new DetectionOptions();
        var detectionErrors = detection.Validate();
        if (detectionErrors.Count > 0) throw new GatewayConfigurationException("invalid Bulwark:Detection: " + string.Join("; ", detectionErrors));
        services.AddSingleton(detection);
        services.AddSingleton<GuardRegistry>(_ => DetectionGuards.AddTo(CoreGuards.RegisterCoreGuards(new GuardRegistry()), detection));
        services.AddSingleton<ITextNormalizer>(_ => new TextNormalizer());
        services.AddSingleton(sp => new GuardPipeline(sp.GetRequiredService<ITextNormalizer>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new PolicyProvider(options, sp.GetRequiredService<GuardRegistry>()));
        services.AddSingleton<UpstreamRegistry>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<OpenAiProtocol>();
        services.AddSingleton<AnthropicProtocol>();
        services.AddSingleton<ChatRequestHandler>();
        services.AddHostedService<GuardWarmupService>();
        return services;
    }
}
