using Bulwark.Core.Policies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bulwark.Core.Guards;

/// <summary>
/// Guards are plug-ins: each is a DI singleton registered with <see cref="AddBulwarkGuard{T}(IServiceCollection)"/>, and
/// the <see cref="GuardRegistry"/> is built from every registered <see cref="IGuard"/>. A policy then names guards.
/// </summary>
public static class GuardServiceCollectionExtensions
{
    /// <summary>Registers <typeparamref name="T"/> as a singleton guard (once, however often this is called).</summary>
    public static IServiceCollection AddBulwarkGuard<T>(this IServiceCollection services) where T : class, IGuard
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(T))) return services;
        services.AddSingleton<T>();
        services.AddSingleton<IGuard>(sp => sp.GetRequiredService<T>());
        return services.AddBulwarkGuardRegistry();
    }

    /// <summary>Registers a guard built by <paramref name="factory"/> (for guards with settings, such as external ones).</summary>
    public static IServiceCollection AddBulwarkGuard(this IServiceCollection services, Func<IServiceProvider, IGuard> factory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(factory);
        services.AddSingleton(factory);
        return services.AddBulwarkGuardRegistry();
    }

    /// <summary>The registry (from every registered guard), the normaliser-free parts of the pipeline's dependencies and a clock.</summary>
    public static IServiceCollection AddBulwarkGuardRegistry(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new GuardRegistry(sp.GetServices<IGuard>()));
        return services;
    }
}
