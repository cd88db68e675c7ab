using Bulwark.RedTeam.Judging;

namespace Bulwark.RedTeam.Running;

/// <summary>How a run attacks. Validated by <see cref="Validate"/> before anything is sent.</summary>
public sealed record RedTeamOptions
{
    /// <summary>The simulated upstream's default harmful trigger; a real model just sees a few extra characters.</summary>
    public const string DefaultTrigger = "[[simulate:harmful]]";

    public JudgeMode Judge { get; init; } = JudgeMode.Input;

    /// <summary>Appended to the last user message of every attack (not of benign probes); empty for none.</summary>
    public string Trigger { get; init; } = DefaultTrigger;

    public int Concurrency { get; init; } = 4;

    public bool Adaptive { get; init; }

    /// <summary>Adaptive search: queries per attack goal.</summary>
    public int Budget { get; init; } = 20;

    public int Seed { get; init; } = 1234;

    /// <summary>Retries of one request after 429 answers before it is reported as rate_limited.</summary>
    public int MaxRateLimitRetries { get; init; } = 8;

    /// <summary>Operator chains every goal is tried with (besides no operator); null for every built-in operator and the standard compositions.</summary>
    public IReadOnlyList<string>? Chains { get; init; }

    public void Validate()
    {
        if (Concurrency is < 1 or > 64) throw new ArgumentException("--concurrency must be between 1 and 64");
        if (Budget is < 1 or > 10_000) throw new ArgumentException("--budget must be between 1 and 10000");
        if (MaxRateLimitRetries < 0) throw new ArgumentException("rate-limit retries must not be negative");
    }
}
