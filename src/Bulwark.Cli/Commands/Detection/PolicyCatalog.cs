using Bulwark.Core.Policies;

namespace Bulwark.Cli.Commands.Detection;

/// <summary>Policies by name for the detection commands: the built-in ones of <see cref="DefaultPolicies"/>.</summary>
internal static class PolicyCatalog
{
    public static PolicyDefinition? ByName(string name) => DefaultPolicies.ByName(name);
}
