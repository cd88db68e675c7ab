using System.Text.RegularExpressions;

namespace Bulwark.RedTeam.Seeds;

/// <summary>
/// One thing an attacker wants: a request in a harm category (or an injection or extraction goal), and the
/// patterns whose presence in a received answer shows the attack worked (output-side judging).
/// </summary>
public sealed record AttackGoal(string Id, string Category, string Text, IReadOnlyList<string> Checks)
{
    /// <summary>Whether <paramref name="received"/> shows this goal achieved: any check pattern matches.</summary>
    public bool IsAchievedBy(string received) =>
        Checks.Any(c => Regex.IsMatch(received, c, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
}
