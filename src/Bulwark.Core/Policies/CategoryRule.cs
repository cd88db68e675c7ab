using Bulwark.Core.Guards;

namespace Bulwark.Core.Policies;

/// <summary>For one category: the action taken when a finding's score reaches <see cref="Threshold"/>.</summary>
public sealed record CategoryRule(GuardAction Action, double Threshold);
