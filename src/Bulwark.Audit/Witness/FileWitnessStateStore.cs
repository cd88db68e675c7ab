using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bulwark.Audit.Witness;

/// <summary>
/// Witness state in one JSON file (<c>{"origin":{"size":N,"root":"base64"}}</c>), replaced atomically (write to a
/// temporary file, flush to disk, rename) on every update, so a crash leaves either the old or the new state.
/// </summary>
public sealed class FileWitnessStateStore : IWitnessStateStore
{
    private readonly string _path;
    private readonly Dictionary<string, WitnessedTree> _trees = new(StringComparer.Ordinal);

    public FileWitnessStateStore(string path)
    {
        _path = Path.GetFullPath(path);
        if (!File.Exists(_path)) return;
        var root = JsonNode.Parse(File.ReadAllText(_path)) as JsonObject ?? throw new FormatException($"witness state '{path}' is not a JSON object");
        foreach (var (origin, node) in root)
        {
            if (node is not JsonObject o || o["size"] is not JsonValue size || o["root"] is not JsonValue hash)
                throw new FormatException($"witness state '{path}' has a malformed entry for '{origin}'");
            _trees[origin] = new WitnessedTree(size.GetValue<long>(), Convert.FromBase64String(hash.GetValue<string>()));
        }
    }

    public WitnessedTree? Get(string origin) => _trees.GetValueOrDefault(origin);

    public void Set(string origin, WitnessedTree tree)
    {
        _trees[origin] = tree;
        var root = new JsonObject();
        foreach (var (o, t) in _trees) root[o] = new JsonObject { ["size"] = t.Size, ["root"] = Convert.ToBase64String(t.RootHash) };
        var dir = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, "." + Path.GetFileName(_path) + ".tmp");
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, root);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, _path, overwrite: true);
    }
}
