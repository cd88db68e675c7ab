namespace Bulwark.Core.Access;

/// <summary>A kill switch: everything (global), one model, or every model of one upstream. Name is "" for global.</summary>
public sealed record KillSwitch(KillSwitchScope Scope, string Name, bool On, string SetBy, DateTimeOffset SetAt)
{
    public static string ScopeName(KillSwitchScope scope) => scope switch
    {
        KillSwitchScope.Global => "global",
        KillSwitchScope.Model => "model",
        KillSwitchScope.Upstream => "upstream",
        _ => "unknown",
    };

    public static bool TryParseScope(string? text, out KillSwitchScope scope)
    {
        switch (text)
        {
            case "global": scope = KillSwitchScope.Global; return true;
            case "model": scope = KillSwitchScope.Model; return true;
            case "upstream": scope = KillSwitchScope.Upstream; return true;
            default: scope = default; return false;
        }
    }
}
