using System.Text;
using System.Text.Json;

namespace Bulwark.Audit.Export;

/// <summary>
/// Writes the single file an auditor gets, as JSON lines:
/// <c>{"type":"bulwark-audit-export","version":1,"origin":…,"verifier_key":…,"size":N,"checkpoints":M,"exported":…}</c>,
/// then M lines <c>{"type":"checkpoint","note":"&lt;signed note&gt;"}</c>, then N lines
/// <c>{"type":"record","index":i,"data":"&lt;base64 record&gt;","leaf_hash":"&lt;base64&gt;"}</c> in index order.
/// </summary>
public sealed class AuditExportWriter : IAsyncDisposable
{
    public const string FormatName = "bulwark-audit-export";
    public const int Version = 1;
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _json;
    private readonly bool _ownsStream;
    private int _state;

    public AuditExportWriter(Stream stream, bool ownsStream = true)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public async Task WriteHeaderAsync(AuditExportHeader header, CancellationToken cancellationToken)
    {
        if (_state != 0) throw new InvalidOperationException("the header comes first");
        _json.WriteStartObject();
        _json.WriteString("type", FormatName);
        _json.WriteNumber("version", Version);
        _json.WriteString("origin", header.Origin);
        _json.WriteString("verifier_key", header.VerifierKey);
        _json.WriteNumber("size", header.Size);
        _json.WriteNumber("checkpoints", header.Checkpoints);
        _json.WriteString("exported", header.Exported.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        _json.WriteEndObject();
        await EndLineAsync(cancellationToken).ConfigureAwait(false);
        _state = 1;
    }

    public async Task WriteCheckpointAsync(string note, CancellationToken cancellationToken)
    {
        if (_state != 1) throw new InvalidOperationException("checkpoints come after the header and before the records");
        _json.WriteStartObject();
        _json.WriteString("type", "checkpoint");
        _json.WriteString("note", note);
        _json.WriteEndObject();
        await EndLineAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteRecordAsync(long index, ReadOnlyMemory<byte> data, ReadOnlyMemory<byte> leafHash, CancellationToken cancellationToken)
    {
        if (_state == 0) throw new InvalidOperationException("the header comes first");
        _state = 2;
        _json.WriteStartObject();
        _json.WriteString("type", "record");
        _json.WriteNumber("index", index);
        _json.WriteBase64String("data", data.Span);
        if (!leafHash.IsEmpty) _json.WriteBase64String("leaf_hash", leafHash.Span);
        _json.WriteEndObject();
        await EndLineAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task EndLineAsync(CancellationToken cancellationToken)
    {
        await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        _json.Reset();
        _stream.WriteByte((byte)'\n');
    }

    public async ValueTask DisposeAsync()
    {
        await _json.DisposeAsync().ConfigureAwait(false);
        await _stream.FlushAsync().ConfigureAwait(false);
        if (_ownsStream) await _stream.DisposeAsync().ConfigureAwait(false);
    }

    internal static readonly Encoding Utf8 = new UTF8Encoding(false, true);
}
