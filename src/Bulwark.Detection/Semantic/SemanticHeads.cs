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
    private const int Version = 1;
    private readonly float[][] _weights;

    public SemanticHeads(int dimension, IReadOnlyList<string> heads, float[][] weights, float[] bias, float[] thresholds)
    {
        if (heads.Count != weights.Length || heads.Count != bias.Length || heads.Count != thresholds.Length)
            throw new ArgumentException("per-head arrays must match the head count");
        if (weights.Any(w => w.Length != dimension)) throw new ArgumentException("weight vectors must match the dimension");
        Dimension = dimension;
        Heads = heads.ToArray();
        _weights = weights.Select(w => w.ToArray()).ToArray();
        Bias = bias.ToArray();
        Thresholds = thresholds.ToArray();
    }

    public int Dimension { get; }

    public IReadOnlyList<string> Heads { get; }

    public IReadOnlyList<float> Bias { get; }

    public IReadOnlyList<float> Thresholds { get; }

    public SemanticHeads WithThresholds(IReadOnlyList<float> thresholds) => new(Dimension, Heads, _weights, Bias.ToArray(), thresholds.ToArray());

    public int HeadIndex(string head)
    {
        for (var i = 0; i < Heads.Count; i++) if (Heads[i] == head) return i;
        return -1;
    }

    /// <summary>Raw probability of one head for one embedding.</summary>
    public float Raw(int head, ReadOnlySpan<float> embedding)
    {
        var w = _weights[head];
        var z = Bias[head];
        for (var i = 0; i < w.Length && i < embedding.Length; i++) z += w[i] * embedding[i];
        return HashedNGramModel.Sigmoid(z);
    }

    /// <summary>Calibrated scores of every head for one embedding.</summary>
    public void Score(ReadOnlySpan<float> embedding, Span<float> scores)
    {
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
    }

    public static SemanticHeads Load(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var r = new BinaryReader(gz, Encoding.UTF8, leaveOpen: true);
        if (r.ReadUInt32() != Magic) throw new InvalidDataException("not a Bulwark semantic head file");
        var version = r.ReadInt32();
        if (version != Version) throw new InvalidDataException($"unsupported semantic head version {version}");
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
        return new SemanticHeads(dim, heads, weights, bias, thresholds);
    }
}
