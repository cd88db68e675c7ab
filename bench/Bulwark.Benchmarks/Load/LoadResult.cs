namespace Bulwark.Benchmarks.Load;

/// <summary>Latency percentiles (ms), throughput and errors of one scenario.</summary>
public sealed record LoadResult(LoadScenario Scenario, int Requests, int Errors, double P50, double P99, double Mean, double RequestsPerSecond, double TtfbP50, double TtfbP99);
