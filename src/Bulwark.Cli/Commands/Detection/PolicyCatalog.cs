using Bulwark.Core.Policies;
using Bulwark.Detection;

namespace Bulwark.Cli.Commands.Detection;

/// <summary>
/// Policies by name for the detection commands. Until Bulwark.Core's DefaultPolicies is available this holds
/// the learned-detector policy "default" (classifier + output_classifier with the recommended rules).
/// </summary>
internal static class PolicyCatalog
{
    public static PolicyDefinition? ByName(string name) => name switch
    {
        "default" or "learned" => new PolicyDefinition
        {
            Name = name,
            InputGuards = [DetectionGuards.ClassifierName],
            OutputGuards = [DetectionGuards.OutputClassifierName],
            CategoryRules = DetectionGuards.RecommendedRules,
        },
        _ => null,
    };
}
