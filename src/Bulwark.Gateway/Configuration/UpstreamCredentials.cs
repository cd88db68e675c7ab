namespace Bulwark.Gateway.Configuration;

/// <summary>
/// The gateway refuses to start when an upstream names an <c>ApiKeyEnv</c> variable that is not set: it would call
/// that upstream without credentials. (Admin commands on the store do not need upstream credentials, so this check is
/// for <c>serve</c> only.)
/// </summary>
public static class UpstreamCredentials
{
    public static IReadOnlyList<string> Check(BulwarkOptions options, Func<string, string?> environment)
    {
        var errors = new List<string>();
        foreach (var (name, upstream) in options.Upstreams.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            if (upstream.Kind == "simulated" || !string.IsNullOrEmpty(upstream.ApiKey) || string.IsNullOrEmpty(upstream.ApiKeyEnv)) continue;
            if (string.IsNullOrEmpty(environment(upstream.ApiKeyEnv)))
                errors.Add($"upstream '{name}' takes its API key from the environment variable {upstream.ApiKeyEnv} (Bulwark:Upstreams:{name}:ApiKeyEnv), which is not set");
        }
        return errors;
    }
}
