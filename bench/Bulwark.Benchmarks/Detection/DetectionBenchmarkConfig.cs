using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Bulwark.Benchmarks.Detection;

/// <summary>Adds the p50, p95, p99 and max columns to the detection benchmarks (the targets are stated as p50).</summary>
public sealed class DetectionBenchmarkConfig : ManualConfig
{
    public DetectionBenchmarkConfig()
    {
        AddColumn(StatisticColumn.P50, StatisticColumn.P95, new P99Column(), StatisticColumn.Max);
    }
}
