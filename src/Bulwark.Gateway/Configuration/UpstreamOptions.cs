namespace Bulwark.Gateway.Configuration;

/// <summary>One upstream model server. <see cref="Kind"/>: "openai", "anthropic" or "simulated".</summary>
public sealed record UpstreamOptions
{
    public string Kind { get; init; } = "simulated";

    public string? BaseUrl { get; init; }

    /// <summary>API key given directly (prefer <see cref="ApiKeyEnv"/>).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Name of the environment variable that holds the API key.</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>Anthropic: the anthropic-version header.</summary>
    public string AnthropicVersion { get; init; } = "2023-06-01";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Longest silence tolerated between two streamed chunks before the stream is ended with an error.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Simulated upstream: delay between streamed tokens.</summary>
    public TimeSpan TokenDelay { get; init; } = TimeSpan.FromMilliseconds(15);

    /// <summary>Simulated upstream: the marker in a prompt that makes it write a harmful-looking answer.</summary>
    public string HarmfulTrigger { get; init; } = "[[simulate:harmful]]";

    public string? ResolveApiKey() =>
        !string.IsNullOrEmpty(ApiKey) ? ApiKey : string.IsNullOrEmpty(ApiKeyEnv) ? null : Environment.GetEnvironmentVariable(ApiKeyEnv);
}
