namespace Bulwark.Core.Access;

/// <summary>Which models a caller may use: the model's groups (empty: any authenticated caller) and the key's model restriction (empty: none).</summary>
public static class Entitlement
{
    public static bool Allows(ModelAccessRule rule, IReadOnlyList<string> principalGroups, IReadOnlyList<string> keyModels)
    {
        if (keyModels.Count > 0 && !Contains(keyModels, rule.Model)) return false;
        if (rule.Groups.Count == 0) return true;
        foreach (var g in principalGroups)
        {
            if (Contains(rule.Groups, g)) return true;
        }
        return false;
    }

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
