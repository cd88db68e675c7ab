using System.Globalization;
using System.Net;
using System.Text;
using Bulwark.Audit.Notes;
using Bulwark.Audit.Tree;
using Bulwark.Audit.Witness;

namespace Bulwark.Gateway.Auditing.Witnesses;

/// <summary>
/// Talks C2SP tlog-witness to one witness: posts <c>add-checkpoint</c> with a consistency proof from the size the witness
/// last cosigned; on <c>409 text/x.tlog.size</c> it learns that size and retries once. Returns only cosignature lines that
/// verify against the witness's key. Failures are values (null plus <see cref="Status"/>), never exceptions.
/// </summary>
public sealed class WitnessClient(string name, WitnessEndpoint endpoint, WitnessVerifier verifier, HttpClient http, TimeProvider time)
{
    private long _knownSize;
    private volatile WitnessStatus _status = new(name, endpoint.Url, endpoint.Key, 0, null, null);

    public string Name => name;

    public WitnessStatus Status => _status;

    public async Task<string?> CosignAsync(Checkpoint checkpoint, string note, IHashReader tree, CancellationToken cancellationToken)
    {
        var old = Interlocked.Read(ref _knownSize);
        if (old > checkpoint.Size) old = 0;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var proof = old == 0 ? [] : await ProofBuilder.ConsistencyProofAsync(tree, old, checkpoint.Size, cancellationToken).ConfigureAwait(false);
            var body = new AddCheckpointRequest(old, proof, note).Format();
            HttpResponseMessage response;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(endpoint.Timeout);
                using var content = new StringContent(body, new UTF8Encoding(false), "text/plain");
                response = await http.PostAsync(endpoint.Url.TrimEnd('/') + "/add-checkpoint", content, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return Fail("unreachable: " + ex.GetType().Name);
            }
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Conflict && response.Content.Headers.ContentType?.MediaType == WitnessAnswer.TlogSize
                    && long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var witnessSize))
                {
                    if (witnessSize > checkpoint.Size) return Fail($"the witness has cosigned size {witnessSize}, larger than this log's {checkpoint.Size}");
                    old = witnessSize;
                    continue;
                }
                if (response.StatusCode != HttpStatusCode.OK) return Fail($"{(int)response.StatusCode}: {Clip(text)}");
                var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => verifier.VerifyLine(ToBody(note), l)).ToArray();
                if (lines.Length == 0) return Fail("answered without a valid cosignature from its key");
                Interlocked.Exchange(ref _knownSize, checkpoint.Size);
                _status = new WitnessStatus(name, endpoint.Url, endpoint.Key, checkpoint.Size, time.GetUtcNow(), null);
                return string.Concat(lines.Select(l => l + "\n"));
            }
        }
        return Fail("the witness's size kept changing");
    }

    private static string ToBody(string note) => note[..(note.LastIndexOf("\n\n", StringComparison.Ordinal) + 1)];

    private string? Fail(string error)
    {
        _status = _status with { LastError = error };
        return null;
    }

    private static string Clip(string s) => (s.Length > 200 ? s[..200] : s).ReplaceLineEndings(" ").Trim();
}
