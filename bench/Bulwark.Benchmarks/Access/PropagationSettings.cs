using System.Globalization;

namespace Bulwark.Benchmarks.Access;

/// <summary>The command line of <c>access-propagation</c>, parsed and checked once.</summary>
internal sealed record PropagationSettings
{
    public const string Usage =
        "usage: access-propagation [--store postgres://user@host:port/db] [--bus redis://host:port] [--count 200] [--warmup 5] " +
        "[--max-staleness 00:00:02] [--probe-interval-ms 2]\n" +
        "  without --store / --bus the benchmark starts its own PostgreSQL / Redis from the Debian binaries on loopback";

    /// <summary>A PostgreSQL store URI, or null to start a PostgreSQL server for the run.</summary>
    public string? Store { get; init; }

    /// <summary>A Redis bus URI, or null to start a Redis server for the run.</summary>
    public string? Bus { get; init; }

    public int Count { get; init; } = 200;

    /// <summary>Revocations made and measured before the counted ones (first requests, JIT, connection pools).</summary>
    public int Warmup { get; init; } = 5;

    public TimeSpan MaxStaleness { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Pause between two probes of one node (0: back to back). The probe's resolution is this plus one round trip.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Parses the arguments; null and a reason when they are not usable.</summary>
    public static (PropagationSettings? Settings, string? Error) Parse(IReadOnlyList<string> args)
    {
        var settings = new PropagationSettings();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count) return (null, $"{name} needs a value");
            var value = args[++i];
            switch (name)
            {
                case "--store" when value.StartsWith("postgres://", StringComparison.Ordinal):
                    settings = settings with { Store = value };
                    break;
                case "--bus" when value.StartsWith("redis://", StringComparison.Ordinal):
                    settings = settings with { Bus = value };
                    break;
                case "--count" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0:
                    settings = settings with { Count = count };
                    break;
                case "--warmup" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var warmup):
                    settings = settings with { Warmup = warmup };
                    break;
                case "--max-staleness" when TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var staleness) && staleness > TimeSpan.Zero:
                    settings = settings with { MaxStaleness = staleness };
                    break;
                case "--probe-interval-ms" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms):
                    settings = settings with { ProbeInterval = TimeSpan.FromMilliseconds(ms) };
                    break;
                default:
                    return (null, $"unknown option or bad value: {name} {value}");
            }
        }
        return (settings, null);
    }
}
