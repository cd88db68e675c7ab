using System.Buffers;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Bulwark.Detection.NGram;

/// <summary>
/// A hashed n-gram linear model: one logistic head per label over the features of <see cref="NGramFeaturizer"/>.
/// Weights are quantised to signed bytes with one scale per head and stored gzip-compressed. Immutable and
/// thread-safe; scoring allocates nothing on the heap beyond a pooled buffer.
/// </summary>
public sealed class HashedNGramModel
{
    private const uint Magic = 0x474E5742; // "BWNG"
    private const int Version = 1;

    /// <summary>Characters per scoring window; longer texts are scored window by window and the maximum is kept.</summary>
    public const int WindowCharacters = 2048;

    /// <summary>At most this many windows are scored (first, last and evenly spaced between), bounding the cost of huge texts.</summary>
    public const int MaxWindows = 48;

    private readonly sbyte[] _weights;
    private readonly float[] _bias;
    private readonly float[] _scale;
    private readonly float[] _thresholds;

    public HashedNGramModel(string name, int bucketBits, IReadOnlyList<string> heads, float[] bias, float[] scale, float[] thresholds, sbyte[] weights)
    {
        if (bucketBits is < 10 or > 24) throw new ArgumentOutOfRangeException(nameof(bucketBits));
        if (heads.Count is < 1 or > HeadScores.MaxHeads) throw new ArgumentOutOfRangeException(nameof(heads));
        if (bias.Length != heads.Count || scale.Length != heads.Count || thresholds.Length != heads.Count)
            throw new ArgumentException("per-head arrays must match the head count");
        if (weights.Length != (1 << bucketBits) * heads.Count) throw new ArgumentException("weight array has the wrong size");
        Name = name;
        BucketBits = bucketBits;
        Heads = heads.ToArray();
        Bias = bias.ToArray();
        Scale = scale.ToArray();
        Thresholds = thresholds.ToArray();
        _weights = weights;
        _bias = bias.ToArray();
        _scale = scale.ToArray();
        _thresholds = thresholds.ToArray();
    }

    public string Name { get; }

    public int BucketBits { get; }

    public IReadOnlyList<string> Heads { get; }

    public IReadOnlyList<float> Bias { get; }

    public IReadOnlyList<float> Scale { get; }

    /// <summary>Raw-probability decision threshold per head, chosen at training time (maps to 0.5 after calibration).</summary>
    public IReadOnlyList<float> Thresholds { get; }

    /// <summary>The same weights with new per-head decision thresholds (raw probabilities in 0..1).</summary>
    public HashedNGramModel WithThresholds(IReadOnlyList<float> thresholds) =>
        new(Name, BucketBits, Heads, Bias.ToArray(), Scale.ToArray(), thresholds.ToArray(), _weights);

    public int HeadIndex(string head)
    {
        for (var i = 0; i < Heads.Count; i++) if (Heads[i] == head) return i;
        return -1;
    }

    /// <summary>Raw probabilities per head for one window of text (at most <see cref="NGramFeaturizer.MaxCharacters"/> are read).</summary>
    public void ScoreWindow(ReadOnlySpan<char> text, Span<float> probabilities)
    {
        var heads = _bias.Length;
        Span<int> sums = stackalloc int[HeadScores.MaxHeads];
        var codes = ArrayPool<int>.Shared.Rent(NGramFeaturizer.MaxFeatures(text.Length));
        int n;
        try
        {
            n = NGramFeaturizer.Codes(text, BucketBits, codes);
            Accumulate(codes.AsSpan(0, n), sums);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(codes);
        }
        var norm = n == 0 ? 0f : 1f / MathF.Sqrt(n);
        // The sums are integers (sbyte weights, at most ~66k features per window), so summing them as int gives exactly
        // the float sums that feature-by-feature float accumulation gives: every partial sum stays below 2^24.
        for (var h = 0; h < heads; h++)
            probabilities[h] = Sigmoid(_bias[h] + (float)sums[h] * _scale[h] * norm);
    }

    /// <summary>Adds the signed weights of every feature code to the per-head sums.</summary>
    private void Accumulate(ReadOnlySpan<int> codes, Span<int> sums)
    {
        ref var weights = ref MemoryMarshal.GetArrayDataReference(_weights);
        var heads = _bias.Length;
        var mask = (1 << BucketBits) - 1;
        if (heads == 4)
        {
            int s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            foreach (var code in codes)
            {
                var negative = code >> 31; // 0 or -1: (w ^ negative) - negative is w or -w
                ref var row = ref Unsafe.Add(ref weights, (code & mask) << 2);
                s0 += (row ^ negative) - negative;
                s1 += (Unsafe.Add(ref row, 1) ^ negative) - negative;
                s2 += (Unsafe.Add(ref row, 2) ^ negative) - negative;
                s3 += (Unsafe.Add(ref row, 3) ^ negative) - negative;
            }
            sums[0] = s0;
            sums[1] = s1;
            sums[2] = s2;
            sums[3] = s3;
            return;
        }
        foreach (var code in codes)
        {
            var negative = code >> 31;
            ref var row = ref Unsafe.Add(ref weights, (code & mask) * heads);
            for (var h = 0; h < heads; h++) sums[h] += (Unsafe.Add(ref row, h) ^ negative) - negative;
        }
    }

    /// <summary>
    /// Calibrated scores per head (0..1, 0.5 = the trained decision threshold) for a text of any length:
    /// windows of <see cref="WindowCharacters"/>, at most <see cref="MaxWindows"/> of them, maximum per head.
    /// </summary>
    public void Score(ReadOnlySpan<char> text, Span<float> scores)
    {
        var heads = _bias.Length;
        Span<float> window = stackalloc float[heads];
        scores[..heads].Clear();
        if (text.Length <= WindowCharacters)
        {
            ScoreWindow(text, window);
            Keep(window, scores);
            return;
        }
        foreach (var (start, length) in Windows(text.Length, WindowCharacters, MaxWindows))
        {
            ScoreWindow(text.Slice(start, length), window);
            Keep(window, scores);
        }
    }

    /// <summary>Raw (uncalibrated) probabilities per head, the maximum over the same windows as <see cref="Score"/>.</summary>
    public void RawMax(ReadOnlySpan<char> text, Span<float> raw)
    {
        var heads = _bias.Length;
        Span<float> window = stackalloc float[heads];
        raw[..heads].Clear();
        foreach (var (start, length) in Windows(text.Length, WindowCharacters, MaxWindows))
        {
            ScoreWindow(text.Slice(start, length), window);
            for (var h = 0; h < heads; h++) raw[h] = Math.Max(raw[h], window[h]);
        }
    }

    private void Keep(ReadOnlySpan<float> window, Span<float> scores)
    {
        for (var h = 0; h < window.Length; h++)
        {
            var c = Calibrate(window[h], _thresholds[h]);
            if (c > scores[h]) scores[h] = c;
        }
    }

    /// <summary>Window starts and lengths covering a text: all of it when it fits in <paramref name="maxWindows"/>, otherwise first, last and evenly spaced.</summary>
    public static IEnumerable<(int Start, int Length)> Windows(int textLength, int windowChars, int maxWindows)
    {
        if (textLength <= windowChars)
        {
            yield return (0, textLength);
            yield break;
        }
        var stride = windowChars - windowChars / 8;
        var count = (textLength - windowChars + stride - 1) / stride + 1;
        if (count <= maxWindows)
        {
            for (var i = 0; i < count; i++)
            {
                var s = Math.Min(i * stride, textLength - windowChars);
                yield return (s, windowChars);
            }
            yield break;
        }
        if (maxWindows <= 1)
        {
            yield return (0, windowChars);
            yield break;
        }
        var last = textLength - windowChars;
        for (var i = 0; i < maxWindows; i++)
        {
            var s = (int)((long)last * i / (maxWindows - 1));
            yield return (s, windowChars);
        }
    }

    /// <summary>Maps a raw probability so that the head's threshold lands on 0.5 (monotone, piecewise linear).</summary>
    public static float Calibrate(float p, float threshold)
    {
        if (threshold <= 0f || threshold >= 1f) return p;
        return p < threshold ? 0.5f * p / threshold : 0.5f + 0.5f * (p - threshold) / (1f - threshold);
    }

    public static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));

    public void Save(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(gz, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);
        w.Write(Name);
        w.Write(BucketBits);
        w.Write(Heads.Count);
        for (var h = 0; h < Heads.Count; h++)
        {
            w.Write(Heads[h]);
            w.Write(Bias[h]);
            w.Write(Scale[h]);
            w.Write(Thresholds[h]);
        }
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_weights.AsSpan()));
    }

    public static HashedNGramModel Load(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var r = new BinaryReader(gz, Encoding.UTF8, leaveOpen: true);
        if (r.ReadUInt32() != Magic) throw new InvalidDataException("not a Bulwark n-gram model");
        var version = r.ReadInt32();
        if (version != Version) throw new InvalidDataException($"unsupported n-gram model version {version}");
        var name = r.ReadString();
        var bits = r.ReadInt32();
        if (bits is < 10 or > 24) throw new InvalidDataException("bad bucket bits");
        var count = r.ReadInt32();
        if (count is < 1 or > HeadScores.MaxHeads) throw new InvalidDataException("bad head count");
        var heads = new string[count];
        var bias = new float[count];
        var scale = new float[count];
        var thresholds = new float[count];
        for (var h = 0; h < count; h++)
        {
            heads[h] = r.ReadString();
            bias[h] = r.ReadSingle();
            scale[h] = r.ReadSingle();
            thresholds[h] = r.ReadSingle();
        }
        var weights = new sbyte[(1 << bits) * count];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan());
        var read = 0;
        while (read < bytes.Length)
        {
            var n = r.Read(bytes[read..]);
            if (n == 0) throw new InvalidDataException("truncated n-gram model");
            read += n;
        }
        return new HashedNGramModel(name, bits, heads, bias, scale, thresholds, weights);
    }
}
