using BenchmarkDotNet.Attributes;
using Bulwark.Detection.Models;
using Bulwark.Detection.NGram;

namespace Bulwark.Benchmarks.Detection;

/// <summary>The hashed n-gram model alone (no pipeline): scoring cost per text size.</summary>
[MemoryDiagnoser]
[Config(typeof(DetectionBenchmarkConfig))]
public class NGramModelBenchmarks
{
    private HashedNGramModel _input = null!;
    private HashedNGramModel _output = null!;
    private readonly float[] _scores = new float[HeadScores.MaxHeads];
    private readonly string _window = BenchmarkTexts.BenignKilobyte[..64];

    [GlobalSetup]
    public void Setup()
    {
        var models = DetectorModels.LoadEmbedded();
        _input = models.Input;
        _output = models.Output;
    }

    [Benchmark]
    public float Input1K()
    {
        _input.Score(BenchmarkTexts.BenignKilobyte, _scores);
        return _scores[0];
    }

    [Benchmark]
    public float Input100K()
    {
        _input.Score(BenchmarkTexts.Document100k, _scores);
        return _scores[0];
    }

    [Benchmark]
    public float OutputWindow64()
    {
        _output.Score(_window, _scores);
        return _scores[0];
    }
}
