namespace Bulwark.Gateway.ExternalGuards;

/// <summary>One <c>Bulwark:ExternalGuards:&lt;name&gt;</c> entry: a guard model Bulwark calls over HTTP. Validated at start-up.</summary>
public sealed record ExternalGuardOptions
{
    public const string LlamaGuard = "llama-guard";
    public const string OpenAiModeration = "openai-moderation";
    public const string Qwen3Guard = "qwen3guard";

    /// <summary><c>llama-guard</c>, <c>openai-moderation</c> or <c>qwen3guard</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The API root, e.g. <c>http://127.0.0.1:8000/v1</c> (chat kinds POST {BaseUrl}/chat/completions, moderation {BaseUrl}/moderations).</summary>
    public string BaseUrl { get; init; } = "";

    public string? Model { get; init; }

    /// <summary>Environment variable holding the bearer token, if the server needs one.</summary>
    public string? ApiKeyEnv { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>input</c>, <c>output</c> or <c>both</c>.</summary>
    public string Stage { get; init; } = "input";

    /// <summary><c>always</c>, or <c>unsure</c>: only when an earlier guard at the stage flagged (the built-in cascade is unsure).</summary>
    public string When { get; init; } = "always";

    /// <summary>Most results kept in the cache (keyed by a hash of the exact content sent).</summary>
    public int CacheEntries { get; init; } = 4096;

    public IReadOnlyList<string> Validate(string name)
    {
        var errors = new List<string>();
        var at = $"Bulwark:ExternalGuards:{name}";
        if (Kind is not (LlamaGuard or OpenAiModeration or Qwen3Guard)) errors.Add($"{at}:Kind must be {LlamaGuard}, {OpenAiModeration} or {Qwen3Guard} (got '{Kind}')");
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) errors.Add($"{at}:BaseUrl must be an absolute http(s) URL");
        if (Kind is LlamaGuard or Qwen3Guard && string.IsNullOrWhiteSpace(Model)) errors.Add($"{at}:Model is required for {Kind}");
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(1)) errors.Add($"{at}:Timeout must be positive and at most a minute");
        if (Stage is not ("input" or "output" or "both")) errors.Add($"{at}:Stage must be input, output or both (got '{Stage}')");
        if (When is not ("always" or "unsure")) errors.Add($"{at}:When must be always or unsure (got '{When}')");
        if (CacheEntries is < 0 or > 1_000_000) errors.Add($"{at}:CacheEntries must be in 0..1000000");
        if (ApiKeyEnv is { Length: > 0 } env && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(env))) errors.Add($"{at}:ApiKeyEnv names unset variable '{env}'");
        return errors;
    }
}
