using System.Text;
using System.Text.Json;

namespace Bulwark.RedTeam.Running;

/// <summary>
/// Appends one JSON line per attempt and flushes it at once, one writer at a time, so a run that crashes leaves a
/// valid <c>results.jsonl</c> holding every attempt already made.
/// </summary>
public sealed class ResultsWriter : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly FileStream _file;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ResultsWriter(string path)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
    }

    public static string Line(AttemptResult result) => JsonSerializer.Serialize(result, Json);

    public async Task WriteAsync(AttemptResult result, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(Line(result) + "\n");
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _file.WriteAsync(bytes, ct).ConfigureAwait(false);
            await _file.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
