using Bulwark.Core.Detection;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Pipeline;
using Bulwark.Gateway.Protocols.Anthropic;
using Bulwark.Gateway.Protocols.Embeddings;
using Bulwark.Gateway.Protocols.OpenAi;
using Bulwark.Gateway.Protocols.Responses;
using Bulwark.Gateway.Upstreams;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Gateway.Hosting;

/// <summary>The request path's services: guards and policies, upstreams, protocols, the handler and metrics.</summary>
public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddBulwarkGateway(this IServiceCollection services, BulwarkOptions options, DetectionOptions? detection = null, PolicySettings? policies = null)
    {
        detection ??= new DetectionOptions();
        var detectionErrors = detection.Validate();
        if (detectionErrors.Count > 0) throw new GatewayConfigurationException("invalid Bulwark:Detection: " + string.Join("; ", detectionErrors));
        // Guards are plug-ins: the registry is built from every IGuard registered (AddBulwarkGuard<T>()).
        services.AddBulwarkCoreGuards();
        services.AddBulwarkDetection(detection);
        services.AddSingleton(sp => new PolicyProvider(options, sp.GetRequiredService<GuardRegistry>(), policies));
        services.AddSingleton<UpstreamRegistry>();
        services.AddMetrics(); // IMeterFactory: one "Bulwark" meter per gateway (service provider), not per process
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<OpenAiProtocol>();
        services.AddSingleton<AnthropicProtocol>();
        services.AddSingleton<ResponsesProtocol>();
        services.AddSingleton<EmbeddingsProtocol>();
        services.AddSingleton<ChatRequestHandler>();
        services.AddHostedService<GuardWarmupService>();
        return services;
    }
}
