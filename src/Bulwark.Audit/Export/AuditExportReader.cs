using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Bulwark.Audit.Export;

/// <summary>
/// Reads an export written by <see cref="AuditExportWriter"/>: the header and checkpoints up front, then the records
/// streamed (so a log of millions of records does not need to fit in memory). Malformed input raises
/// <see cref="FormatException"/> with the line number.
/// </summary>
public sealed class AuditExportReader : IDisposable
{
    private readonly StreamReader _reader;
    private string? _pendingLine;
    private long _lineNumber;

    private AuditExportReader(StreamReader reader)
    {
        _reader = reader;
    }

    public AuditExportHeader Header { get; private set; } = null!;

    public IReadOnlyList<string> Checkpoints { get; private set; } = [];

    public static async Task<AuditExportReader> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return await OpenAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<AuditExportReader> OpenAsync(Stream stream, CancellationToken cancellationToken)
    {
        var r = new AuditExportReader(new StreamReader(stream, AuditExportWriter.Utf8, false, 1 << 16));
        try
        {
            await r.ReadPreambleAsync(cancellationToken).ConfigureAwait(false);
            return r;
        }
        catch
        {
            r.Dispose();
            throw;
        }
    }

    private async Task ReadPreambleAsync(CancellationToken cancellationToken)
    {
        var first = await NextLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new FormatException("export is empty");
        using (var doc = Parse(first))
        {
            var root = doc.RootElement;
            if (GetString(root, "type") != AuditExportWriter.FormatName) throw new FormatException("line 1 is not a bulwark-audit-export header");
            if (!root.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != AuditExportWriter.Version)
                throw new FormatException("unsupported export version");
            Header = new AuditExportHeader(
                GetString(root, "origin") ?? throw new FormatException("header has no origin"),
                GetString(root, "verifier_key") ?? "",
                root.TryGetProperty("size", out var s) && s.TryGetInt64(out var size) ? size : throw new FormatException("header has no size"),
                root.TryGetProperty("checkpoints", out var c) && c.TryGetInt32(out var count) ? count : 0,
                DateTimeOffset.TryParse(GetString(root, "exported"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.MinValue);
        }
        var checkpoints = new List<string>();
        while (await NextLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            using var doc = Parse(line);
            if (GetString(doc.RootElement, "type") != "checkpoint")
            {
                _pendingLine = line;
                break;
            }
            checkpoints.Add(GetString(doc.RootElement, "note") ?? throw new FormatException($"line {_lineNumber}: checkpoint has no note"));
        }
        Checkpoints = checkpoints;
    }

    /// <summary>The records in file order, parsed in parallel batches. Call once.</summary>
    public async IAsyncEnumerable<LogEntry> ReadRecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int Batch = 4096;
        var lines = new List<(string Line, long Number)>(Batch);
        var parsed = new LogEntry[Batch];
        while (true)
        {
            lines.Clear();
            if (_pendingLine is not null)
            {
                lines.Add((_pendingLine, _lineNumber));
                _pendingLine = null;
            }
            while (lines.Count < Batch && await NextLineAsync(cancellationToken).ConfigureAwait(false) is { } next) lines.Add((next, _lineNumber));
            if (lines.Count == 0) yield break;
            Exception? failure = null;
            var firstBad = int.MaxValue;
            Parallel.For(0, lines.Count, i =>
            {
                try
                {
                    parsed[i] = ParseRecord(lines[i].Line, lines[i].Number);
                }
                catch (FormatException ex)
                {
                    lock (parsed)
                    {
                        if (i < firstBad)
                        {
                            firstBad = i;
                            failure = ex;
                        }
                    }
                }
            });
            var good = Math.Min(firstBad, lines.Count);
            for (var i = 0; i < good; i++) yield return parsed[i];
            if (failure is not null) throw failure;
        }
    }

    private static LogEntry ParseRecord(string line, long lineNumber)
    {
        using var doc = Parse(line, lineNumber);
        var root = doc.RootElement;
        var type = GetString(root, "type");
        if (type == "checkpoint") throw new FormatException($"line {lineNumber}: checkpoint after the records");
        if (type != "record") throw new FormatException($"line {lineNumber}: unknown line type '{type}'");
        if (!root.TryGetProperty("index", out var idx) || !idx.TryGetInt64(out var index) || index < 0) throw new FormatException($"line {lineNumber}: record has no valid index");
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.String || !data.TryGetBytesFromBase64(out var bytes))
            throw new FormatException($"line {lineNumber}: record data is not base64");
        byte[]? leafHash = null;
        if (root.TryGetProperty("leaf_hash", out var lh))
        {
            if (lh.ValueKind != JsonValueKind.String || !lh.TryGetBytesFromBase64(out leafHash) || leafHash.Length != 32)
                throw new FormatException($"line {lineNumber}: leaf_hash is not a base64 32-byte hash");
        }
        return new LogEntry(index, bytes, leafHash);
    }

    private async Task<string?> NextLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null) return null;
            _lineNumber++;
            if (line.Length > 0) return line;
        }
    }

    private JsonDocument Parse(string line) => Parse(line, _lineNumber);

    private static JsonDocument Parse(string line, long lineNumber)
    {
        try
        {
            var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new FormatException($"line {lineNumber} is not a JSON object");
            }
            return doc;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"line {lineNumber} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static string? GetString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    public void Dispose() => _reader.Dispose();
}
