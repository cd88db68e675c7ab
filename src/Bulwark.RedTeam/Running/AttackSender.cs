using System.Diagnostics;
using Bulwark.RedTeam.Operators;
using Bulwark.RedTeam.Targets;

namespace Bulwark.RedTeam.Running;

/// <summary>
/// Plays an <see cref="AttackPayload"/> against a target: the lead turns one request at a time with the answers received
/// so far, then the final message. On 429 every worker pauses until the target's Retry-After (or a doubling back-off)
/// has passed and the request is sent again: rate limiting slows the run and is never counted as a block.
/// </summary>
public sealed class AttackSender(ITarget target, TimeProvider time, int maxRetries)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    private long _resumeAtTicks;

    /// <summary>Requests refused with 429 so far (each retry counts).</summary>
    public int RateLimitedResponses => _rateLimited;

    private int _rateLimited;

    public async Task<(TargetReply Reply, int Turns, double Ms)> SendAsync(AttackPayload payload, string trigger, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var history = new List<ChatTurn>();
        var turns = 0;
        foreach (var lead in payload.Lead)
        {
            history.Add(new ChatTurn(TurnKind.User, lead));
            turns++;
            var reply = await SendOneAsync(history, ct).ConfigureAwait(false);
            if (reply.Outcome != TargetOutcome.Answered) return (reply, turns, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            history.Add(new ChatTurn(TurnKind.Assistant, reply.Received.Length > 0 ? reply.Received : "OK."));
        }
        history.AddRange(payload.Context);
        history.Add(new ChatTurn(TurnKind.User, trigger.Length == 0 ? payload.Text : payload.Text + " " + trigger));
        turns++;
        var final = await SendOneAsync(history, ct).ConfigureAwait(false);
        return (final, turns, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    public async Task<TargetReply> SendOneAsync(IReadOnlyList<ChatTurn> conversation, CancellationToken ct)
    {
        var backoff = TimeSpan.FromMilliseconds(500);
        for (var attempt = 0; ; attempt++)
        {
            var wait = new DateTimeOffset(Interlocked.Read(ref _resumeAtTicks), TimeSpan.Zero) - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct).ConfigureAwait(false);
            var reply = await target.SendAsync(conversation, ct).ConfigureAwait(false);
            if (reply.Outcome != TargetOutcome.RateLimited || attempt >= maxRetries) return reply;
            Interlocked.Increment(ref _rateLimited);
            var pause = reply.RetryAfter ?? backoff;
            if (pause > MaxWait) pause = MaxWait;
            backoff = backoff * 2 > MaxWait ? MaxWait : backoff * 2;
            var resume = (time.GetUtcNow() + pause).UtcTicks;
            long seen;
            while ((seen = Interlocked.Read(ref _resumeAtTicks)) < resume && Interlocked.CompareExchange(ref _resumeAtTicks, resume, seen) != seen)
            {
            }
        }
    }
}
