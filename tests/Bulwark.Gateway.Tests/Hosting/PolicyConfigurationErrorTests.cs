using Bulwark.Gateway.Hosting;

namespace Bulwark.Gateway.Tests.Hosting;

/// <summary>A wrong policy setting stops start-up with one line naming it (the serve command exits 2 on this exception).</summary>
public sealed class PolicyConfigurationErrorTests
{
    private static GatewayConfigurationException Build(params (string Key, string Value)[] settings)
    {
        var dir = Path.Combine(Path.GetTempPath(), "bulwark-pc-" + Guid.NewGuid().ToString("N")[..8]);
        var config = new Dictionary<string, string?>
        {
            ["Bulwark:Store"] = "sqlite://" + Path.Combine(dir, "bulwark.db"),
            ["Bulwark:DataDirectory"] = dir,
            ["Bulwark:Policy"] = "signatures-only",
        };
        foreach (var (k, v) in settings) config[k] = v;
        try
        {
            return Assert.Throws<GatewayConfigurationException>(() => GatewayHost.Build(["--urls", "http://127.0.0.1:0"], config));
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    [Fact]
    public void Build_GroupBoundToUnknownPolicy_Throws()
    {
        var e = Build(("Bulwark:GroupPolicies:staff", "nope"));
        Assert.Contains("Bulwark:GroupPolicies:staff names unknown policy 'nope'", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Build_ExtendsCycle_Throws()
    {
        var e = Build(("Bulwark:Policies:a:Extends", "b"), ("Bulwark:Policies:b:Extends", "a"));
        Assert.Contains("cycle", e.Message);
    }

    [Fact]
    public void Build_FlagAtAboveBlockAt_Throws()
    {
        var e = Build(("Bulwark:Policies:a:Categories:jailbreak:FlagAt", "0.9"), ("Bulwark:Policies:a:Categories:jailbreak:BlockAt", "0.5"));
        Assert.Contains("FlagAt for 'jailbreak' must not exceed its BlockAt", e.Message);
    }

    [Fact]
    public void Build_ThresholdNotANumber_Throws()
    {
        var e = Build(("Bulwark:Policies:a:Categories:jailbreak:BlockAt", "high"));
        Assert.Contains("Bulwark:Policies:a:Categories:jailbreak:BlockAt", e.Message);
    }

    [Fact]
    public void Build_UnknownPiiMode_Throws()
    {
        var e = Build(("Bulwark:Policies:a:Pii", "Mask"));
        Assert.Contains("Bulwark:Policies:a:Pii", e.Message);
        Assert.Contains("Redact", e.Message);
    }

    [Fact]
    public void Build_ModelBoundToUnknownPolicy_Throws()
    {
        var e = Build(("Bulwark:Models:bulwark-sim:Upstream", "sim"), ("Bulwark:Models:bulwark-sim:Policy", "ghost"));
        Assert.Contains("unknown policy 'ghost'", e.Message);
    }
}
