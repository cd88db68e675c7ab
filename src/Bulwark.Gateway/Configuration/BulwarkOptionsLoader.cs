using Bulwark.Gateway.Hosting;
using Microsoft.Extensions.Configuration;

namespace Bulwark.Gateway.Configuration;

/// <summary>Binds and validates the "Bulwark" section once, at start-up.</summary>
public static class BulwarkOptionsLoader
{
    public static BulwarkOptions Load(IConfiguration configuration)
    {
        var section = configuration.GetSection(BulwarkOptions.Section);
        var options = section.Get<BulwarkOptions>() ?? new BulwarkOptions();
        // A configured Models/Upstreams section replaces the defaults rather than merging into them.
        if (section.GetSection("Models").Exists())
            options = options with { Models = Bind<ModelOptions>(section.GetSection("Models")) };
        if (section.GetSection("Upstreams").Exists())
            options = options with { Upstreams = Bind<UpstreamOptions>(section.GetSection("Upstreams")) };
        var errors = options.Validate();
        if (errors.Count > 0) throw new GatewayConfigurationException("invalid configuration: " + string.Join("; ", errors));
        return options;
    }

    private static Dictionary<string, T> Bind<T>(IConfigurationSection section) where T : new() =>
        section.GetChildren().ToDictionary(c => c.Key, c => c.Get<T>() ?? new T(), StringComparer.Ordinal);
}
