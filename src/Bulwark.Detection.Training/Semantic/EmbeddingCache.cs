using System.Security.Cryptography;
using System.Text;
using Bulwark.Detection.Semantic;

namespace Bulwark.Detection.Training.Semantic;

/// <summary>
/// A file-backed cache of embeddings keyed by the SHA-256 of the embedded text and the embedder name, so that
/// repeated training runs do not re-encode the corpora. Used by training only; never inside the repository.
/// </summary>
public sealed class EmbeddingCache
{
    private readonly Dictionary<string, float[]> _entries = new(StringComparer.Ordinal);
    private readonly string? _path;
    private readonly int _dimension;
    private readonly List<(string Key, float[] Vector)> _pending = [];

    public EmbeddingCache(string? directory, string embedderName, int dimension)
    {
        _dimension = dimension;
        if (directory is null) return;
        Directory.CreateDirectory(directory);
        _path = Path.Combine(directory, embedderName + ".cache");
        if (!File.Exists(_path)) return;
        using var r = new BinaryReader(File.OpenRead(_path));
        while (r.BaseStream.Position < r.BaseStream.Length)
        {
            var key = r.ReadString();
            var v = new float[dimension];
            for (var i = 0; i < dimension; i++) v[i] = r.ReadSingle();
            _entries[key] = v;
        }
    }

    public static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Embeds texts, taking cached vectors where present and encoding the rest in batches.</summary>
    public float[][] Embed(ISentenceEmbedder embedder, IReadOnlyList<string> texts, int batchSize, Action<int>? progress, CancellationToken cancellationToken)
    {
        var result = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (_entries.TryGetValue(Key(texts[i]), out var v)) result[i] = v;
            else missing.Add(i);
        }
        for (var start = 0; start < missing.Count; start += batchSize)
        {
            var idx = missing.Skip(start).Take(batchSize).ToArray();
            var vectors = embedder.Embed(idx.Select(i => texts[i]).ToArray(), cancellationToken);
            for (var j = 0; j < idx.Length; j++)
            {
                result[idx[j]] = vectors[j];
                var key = Key(texts[idx[j]]);
                if (_entries.TryAdd(key, vectors[j])) _pending.Add((key, vectors[j]));
            }
            progress?.Invoke(Math.Min(missing.Count, start + batchSize));
            if (_pending.Count >= 128) Flush();
        }
        Flush();
        return result;
    }

    public void Flush()
    {
        if (_path is null || _pending.Count == 0) { _pending.Clear(); return; }
        using var w = new BinaryWriter(new FileStream(_path, FileMode.Append, FileAccess.Write));
        foreach (var (key, v) in _pending)
        {
            w.Write(key);
            for (var i = 0; i < _dimension; i++) w.Write(v[i]);
        }
        _pending.Clear();
    }
}
