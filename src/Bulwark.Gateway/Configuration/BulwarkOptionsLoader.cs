using Bulwark.Gateway.Access;
using Bulwark.Gateway.Access.Limits;
using Bulwark.Gateway.Access.Offenders;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Hosting;
using Microsoft.Extensions.Configuration;

namespace Bulwark.Gateway.Configuration;

/// <summary>
/// Binds and validates the "Bulwark" section once, at start-up: first <see cref="ConfigurationChecker"/> (unknown keys,
/// values of the wrong form), then the binder, then the records' rules through <see cref="RecordOptionsValidator{T}"/>.
/// Every failure is a <see cref="GatewayConfigurationException"/> whose one-line message names the key and the form.
/// </summary>
public static class BulwarkOptionsLoader
{
    /// <summary>Sections under "Bulwark" that bind to their own records rather than to <see cref="BulwarkOptions"/>.</summary>
    public static readonly IReadOnlyDictionary<string, Type> OwnSections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        ["Access"] = typeof(AccessOptions),
        ["Limits"] = typeof(LimitOptions),
        ["Offenders"] = typeof(OffenderOptions),
        ["Audit"] = typeof(AuditOptions),
        ["Detection"] = typeof(Bulwark.Detection.DetectionOptions),
        ["Policies"] = typeof(IReadOnlyDictionary<string, Bulwark.Core.Policies.PolicySpec>),
        ["GroupPolicies"] = typeof(IReadOnlyDictionary<string, string>),
        ["PrincipalPolicies"] = typeof(IReadOnlyDictionary<string, string>),
        ["ExternalGuards"] = typeof(IReadOnlyDictionary<string, Bulwark.Gateway.ExternalGuards.ExternalGuardOptions>),
        ["Telemetry"] = typeof(Bulwark.Gateway.Telemetry.TelemetryOptions),
    };

    public static BulwarkOptions Load(IConfiguration configuration)
    {
        var problems = ConfigurationChecker.Check(configuration, OwnSections);
        if (problems.Count > 0) throw new GatewayConfigurationException("invalid configuration: " + string.Join("; ", problems));
        var section = configuration.GetSection(BulwarkOptions.Section);
        BulwarkOptions options;
        try
        {
            options = section.Get<BulwarkOptions>() ?? new BulwarkOptions();
            // A configured Models/Upstreams section replaces the defaults rather than merging into them.
            if (section.GetSection("Models").Exists())
                options = options with { Models = Bind<ModelOptions>(section.GetSection("Models")) };
            if (section.GetSection("Upstreams").Exists())
                options = options with { Upstreams = Bind<UpstreamOptions>(section.GetSection("Upstreams")) };
        }
        catch (InvalidOperationException ex)
        {
            // The checker above should have caught it; the binder's own message names the key and the type.
            throw new GatewayConfigurationException("invalid configuration: " + ex.Message.Split('\n')[0]);
        }
        var result = new RecordOptionsValidator<BulwarkOptions>(o => o.Validate()).Validate(null, options);
        if (result.Failed) throw new GatewayConfigurationException("invalid configuration: " + string.Join("; ", result.Failures));
        return options;
    }

    private static Dictionary<string, T> Bind<T>(IConfigurationSection section) where T : new() =>
        section.GetChildren().ToDictionary(c => c.Key, c => c.Get<T>() ?? new T(), StringComparer.Ordinal);
}
