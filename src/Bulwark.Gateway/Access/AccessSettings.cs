using Bulwark.Gateway.Access.Limits;
using Bulwark.Gateway.Access.Offenders;
using Bulwark.Gateway.Hosting;
using Microsoft.Extensions.Configuration;

namespace Bulwark.Gateway.Access;

/// <summary>The access feature's own settings (Bulwark:Access, Bulwark:Limits, Bulwark:Offenders), bound and validated once.</summary>
public sealed record AccessSettings(AccessOptions Access, LimitOptions Limits, OffenderOptions Offenders)
{
    public static AccessSettings Default { get; } = new(new AccessOptions(), new LimitOptions(), new OffenderOptions());

    public static AccessSettings Load(IConfiguration? configuration)
    {
        if (configuration is null) return Default;
        var settings = new AccessSettings(
            configuration.GetSection(AccessOptions.Section).Get<AccessOptions>() ?? new AccessOptions(),
            configuration.GetSection(LimitOptions.Section).Get<LimitOptions>() ?? new LimitOptions(),
            configuration.GetSection(OffenderOptions.Section).Get<OffenderOptions>() ?? new OffenderOptions());
        var errors = settings.Access.Validate().Concat(settings.Limits.Validate()).Concat(settings.Offenders.Validate()).ToList();
        if (errors.Count > 0) throw new GatewayConfigurationException("invalid configuration: " + string.Join("; ", errors));
        return settings;
    }
}
