using Bulwark.Core.Guards;
using Bulwark.Gateway.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Gateway.ExternalGuards;

/// <summary>Registers every <c>Bulwark:ExternalGuards:&lt;name&gt;</c> entry as a guard named &lt;name&gt;; policies then list it under ExternalGuards.</summary>
public static class ExternalGuardServiceCollectionExtensions
{
    public static IServiceCollection AddBulwarkExternalGuards(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var (name, options) in Read(configuration))
            services.AddBulwarkGuard(_ => new ExternalGuard(name, options));
        return services;
    }

    /// <summary>The configured external guards, validated; a bad one stops start-up with its setting named.</summary>
    public static IReadOnlyList<(string Name, ExternalGuardOptions Options)> Read(IConfiguration configuration)
    {
        var list = new List<(string, ExternalGuardOptions)>();
        foreach (var section in configuration.GetSection("Bulwark:ExternalGuards").GetChildren())
        {
            ExternalGuardOptions options;
            try
            {
                options = section.Get<ExternalGuardOptions>() ?? new ExternalGuardOptions();
            }
            catch (InvalidOperationException)
            {
                throw new GatewayConfigurationException($"invalid Bulwark:ExternalGuards:{section.Key}: a value has the wrong type");
            }
            var errors = options.Validate(section.Key);
            if (errors.Count > 0) throw new GatewayConfigurationException("invalid configuration: " + string.Join("; ", errors));
            list.Add((section.Key, options));
        }
        return list;
    }
}
