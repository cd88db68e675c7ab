using Bulwark.Core.Detection;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bulwark.Extensions.AI;

/// <summary><c>services.AddBulwark(o =&gt; …)</c>: the guards (core, learned, and any added with AddBulwarkGuard&lt;T&gt;()) and the runtime that UseBulwark() picks up.</summary>
public static class BulwarkServiceCollectionExtensions
{
    public static IServiceCollection AddBulwark(this IServiceCollection services, Action<BulwarkChatClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new BulwarkChatClientOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options.TimeProvider);
        services.AddBulwarkCoreGuards();
        services.AddBulwarkDetection(options.Detection);
        services.TryAddSingleton(sp => new BulwarkRuntime(sp.GetRequiredService<GuardRegistry>(), sp.GetRequiredService<GuardPipeline>(), options));
        return services;
    }
}
