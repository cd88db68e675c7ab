using System.Text;
using BenchmarkDotNet.Attributes;
using Bulwark.Core.Detection.Pii;

namespace Bulwark.Benchmarks.Pii;

/// <summary>
/// The PII and secrets scanner's cost per KB of text (divide the mean by <see cref="Kilobytes"/>): ordinary prose with no
/// values, and prose where about one line in four carries an e-mail, phone number, card, IBAN or key.
/// </summary>
[MemoryDiagnoser]
public class PiiScannerBenchmarks
{
    private string _clean = "";
    private string _dense = "";

    [Params(1, 16)]
    public int Kilobytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const string prose = "The quarterly report covers revenue, churn and the roadmap for version 2.4.1, shipped on 2024-03-15 with order 88231. ";
        string[] values =
        [
            "Contact alice.smith@example.com for details. ", "Call +44 20 7946 0958 tomorrow. ", "Card 4111 1111 1111 1111 was charged. ",
            "IBAN DE89 3704 0044 0532 0130 00 is on file. ", "The key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z leaked. ",
        ];
        var clean = new StringBuilder();
        var dense = new StringBuilder();
        for (var i = 0; clean.Length < Kilobytes * 1024; i++)
        {
            clean.Append(prose);
            dense.Append(i % 4 == 3 ? values[i / 4 % values.Length] : prose);
        }
        _clean = clean.ToString(0, Kilobytes * 1024);
        _dense = dense.ToString(0, Math.Min(dense.Length, Kilobytes * 1024));
    }

    [Benchmark(Baseline = true)]
    public int Clean() => PiiScanner.Scan(_clean).Count;

    [Benchmark]
    public int Dense() => PiiScanner.Scan(_dense).Count;
}
