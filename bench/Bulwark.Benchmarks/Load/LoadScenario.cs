namespace Bulwark.Benchmarks.Load;

/// <summary>One measured configuration: where requests go, how many at once, streamed or not.</summary>
public sealed record LoadScenario(string Target, string Url, string Key, int Concurrency, bool Stream);
