using System.Text.Json;

namespace Bulwark.Detection.Training;

/// <summary>Reads corpus JSONL files. Prompt rows have a "text"; output rows have "prompt" and "response". Bad lines are skipped and counted.</summary>
public static class CorpusReader
{
    public static (List<CorpusRow> Prompts, List<OutputRow> Outputs, int Skipped) ReadFiles(IEnumerable<string> paths)
    {
        var prompts = new List<CorpusRow>();
        var outputs = new List<OutputRow>();
        var skipped = 0;
        foreach (var path in paths)
        {
            foreach (var line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                if (!TryParse(line, out var prompt, out var output)) { skipped++; continue; }
                if (prompt is not null) prompts.Add(prompt);
                if (output is not null) outputs.Add(output);
            }
        }
        return (prompts, outputs, skipped);
    }

    public static bool TryParse(string line, out CorpusRow? prompt, out OutputRow? output)
    {
        prompt = null;
        output = null;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return false;
            var source = Str(root, "source") ?? "unknown";
            var id = Str(root, "id") ?? "";
            var label = Str(root, "label") ?? "";
            if (Str(root, "response") is { } response)
            {
                output = new OutputRow(source, id, Str(root, "prompt") ?? "", response, label);
                return true;
            }
            if (Str(root, "text") is not { } text) return false;
            var meta = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("meta", out var m) && m.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in m.EnumerateObject())
                    meta[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
            var turns = new List<CorpusTurn>();
            if (root.TryGetProperty("turns", out var t) && t.ValueKind == JsonValueKind.Array)
            {
                foreach (var turn in t.EnumerateArray())
                {
                    if (turn.ValueKind == JsonValueKind.Object && Str(turn, "role") is { } role && Str(turn, "content") is { } content)
                        turns.Add(new CorpusTurn(role, content));
                }
            }
            prompt = new CorpusRow(source, id, text, label, Str(root, "kind") ?? "", meta) { Turns = turns };
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;
}
