using System.IO.Compression;
using System.Text;
using Bulwark.Detection.NGram;

namespace Bulwark.Detection.Semantic;

/// <summary>
/// Logistic heads over sentence embeddings (one weight vector per category). Immutable and thread-safe.
/// Scores are calibrated like the n-gram model's: each head's trained threshold maps to 0.5.
/// </summary>
public sealed class SemanticHeads
{
    private const uint Magic = 0x4D455342; // "BSEM"
    private const int Version = 3;
    private readonly float[][] _weights;
    private readonly Dictionary<string, FusionHead> _fusion;

    public SemanticHeads(int dimension, IReadOnlyList<string> heads, float[][] weights, float[] bias, float[] thresholds,
        IReadOnlyDictionary<string, FusionHead>? fusion = null, MlpHead? mlp = null)
    {
        if (mlp is not null && (mlp.Input != dimension || mlp.Outputs != heads.Count)) throw new ArgumentException("the MLP must map the dimension to every head");
        Mlp = mlp;
        if (heads.Count != weights.Length || heads.Count != bias.Length || heads.Count != thresholds.Length)
            throw new ArgumentException("per-head arrays must match the head count");
        if (weights.Any(w => w.Length != dimension)) throw new ArgumentException("weight vectors must match the dimension");
        Dimension = dimension;
        Heads = heads.ToArray();
        _weights = weights.Select(w => w.ToArray()).ToArray();
        Bias = bias.ToArray();
        Thresholds = thresholds.ToArray();
        _fusion = fusion is null ? new(StringComparer.Ordinal) : new(fusion, StringComparer.Ordinal);
        if (_fusion.Keys.Any(k => !Heads.Contains(k))) throw new ArgumentException("fusion heads must be semantic heads");
    }

    public int Dimension { get; }

    /// <summary>When present, the heads' probabilities come from this network instead of the logistic weights.</summary>
    public MlpHead? Mlp { get; }

    public IReadOnlyList<string> Heads { get; }

    public IReadOnlyList<float> Bias { get; }

    public IReadOnlyList<float> Thresholds { get; }

    /// <summary>How the n-gram and semantic scores of a head combine (absent for heads without a trained fusion).</summary>
    public IReadOnlyDictionary<string, FusionHead> Fusion => _fusion;

    public SemanticHeads WithThresholds(IReadOnlyList<float> thresholds) => new(Dimension, Heads, _weights, Bias.ToArray(), thresholds.ToArray(), _fusion, Mlp);

    public SemanticHeads WithFusion(IReadOnlyDictionary<string, FusionHead> fusion) => new(Dimension, Heads, _weights, Bias.ToArray(), Thresholds.ToArray(), fusion, Mlp);

    public SemanticHeads WithMlp(MlpHead? mlp) => new(Dimension, Heads, _weights, Bias.ToArray(), Thresholds.ToArray(), _fusion, mlp);

    public FusionHead? FusionFor(string head) => _fusion.GetValueOrDefault(head);

    public int HeadIndex(string head)
    {
        for (var i = 0; i < Heads.Count; i++) if (Heads[i] == head) return i;
        return -1;
    }

    /// <summary>Raw probability of one head for one embedding.</summary>
    public float Raw(int head, ReadOnlySpan<float> embedding)
    {
        if (Mlp is not null)
        {
            Span<float> p = stackalloc float[Heads.Count];
            Mlp.Forward(embedding, p);
            return p[head];
        }
        var w = _weights[head];
        var z = Bias[head];
        for (var i = 0; i < w.Length && i < embedding.Length; i++) z += w[i] * embedding[i];
        return HashedNGramModel.Sigmoid(z);
    }

    /// <summary>Raw probabilities of every head for one embedding.</summary>
    public void RawAll(ReadOnlySpan<float> embedding, Span<float> probabilities)
    {
        if (Mlp is not null)
        {
            Mlp.Forward(embedding, probabilities);
            return;
        }
        for (var h = 0; h < Heads.Count; h++) probabilities[h] = Raw(h, embedding);
    }

    /// <summary>Calibrated scores of every head for one embedding.</summary>
    public void Score(ReadOnlySpan<float> embedding, Span<float> scores)
    {
        if (Mlp is not null)
        {
            Mlp.Forward(embedding, scores);
            for (var h = 0; h < Heads.Count; h++) scores[h] = HashedNGramModel.Calibrate(scores[h], Thresholds[h]);
            return;
        }
        for (var h = 0; h < Heads.Count; h++) scores[h] = HashedNGramModel.Calibrate(Raw(h, embedding), Thresholds[h]);
    }

    public void Save(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(gz, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);
        w.Write(Dimension);
        w.Write(Heads.Count);
        for (var h = 0; h < Heads.Count; h++)
        {
            w.Write(Heads[h]);
            w.Write(Bias[h]);
            w.Write(Thresholds[h]);
            foreach (var v in _weights[h]) w.Write(v);
        }
        w.Write(_fusion.Count);
        foreach (var (head, f) in _fusion.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.Write(head);
            foreach (var c in f.Coefficients) w.Write(c);
            w.Write(f.Threshold);
        }
        w.Write(Mlp is not null);
        Mlp?.Write(w);
    }

    public static SemanticHeads Load(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var r = new BinaryReader(gz, Encoding.UTF8, leaveOpen: true);
        if (r.ReadUInt32() != Magic) throw new InvalidDataException("not a Bulwark semantic head file");
        var version = r.ReadInt32();
        if (version is not (1 or 2 or Version)) throw new InvalidDataException($"unsupported semantic head version {version}");
        var dim = r.ReadInt32();
        var count = r.ReadInt32();
        if (dim is < 1 or > 4096 || count is < 1 or > 64) throw new InvalidDataException("bad semantic head shape");
        var heads = new string[count];
        var bias = new float[count];
        var thresholds = new float[count];
        var weights = new float[count][];
        for (var h = 0; h < count; h++)
        {
            heads[h] = r.ReadString();
            bias[h] = r.ReadSingle();
            thresholds[h] = r.ReadSingle();
            weights[h] = new float[dim];
            for (var i = 0; i < dim; i++) weights[h][i] = r.ReadSingle();
        }
        var fusion = new Dictionary<string, FusionHead>(StringComparer.Ordinal);
        if (version >= 2)
        {
            var n = r.ReadInt32();
            if (n is < 0 or > 64) throw new InvalidDataException("bad fusion head count");
            for (var i = 0; i < n; i++)
            {
                var head = r.ReadString();
                var c = new float[FusionHead.FeatureCount];
                for (var j = 0; j < c.Length; j++) c[j] = r.ReadSingle();
                fusion[head] = new FusionHead(c, r.ReadSingle());
            }
        }
        var mlp = version >= 3 && r.ReadBoolean() ? MlpHead.Read(r) : null;
        return new SemanticHeads(dim, heads, weights, bias, thresholds, fusion, mlp);
    }
}
