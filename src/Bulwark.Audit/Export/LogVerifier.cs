using Bulwark.Audit.Hashing;
using Bulwark.Audit.Notes;
using Bulwark.Audit.Tree;

namespace Bulwark.Audit.Export;

/// <summary>
/// Verifies a whole log offline: every checkpoint's signature (against the given verifier key) and origin, every record
/// in order (no gap, no duplicate; stored leaf hashes when present), the recomputed root at every checkpointed size, and
/// that all checkpoints describe one history (two signed checkpoints that cannot both be true are a fork). On a root
/// mismatch it localises the first bad record by walking down from the signed root through the source's hash cache
/// (<paramref name="hints"/>), trusting a cached node only once its parent, starting from the signed root, authenticates it.
/// </summary>
public static class LogVerifier
{
    public static async Task<LogVerificationResult> VerifyAsync(
        IAsyncEnumerable<LogEntry> records,
        IReadOnlyList<string> checkpointNotes,
        NoteVerifier key,
        string? expectedOrigin,
        IHashReader? hints,
        CancellationToken cancellationToken)
    {
        // 1. Checkpoints: signature, syntax, origin.
        var checkpoints = new List<(int Position, Checkpoint Cp)>();
        string? origin = expectedOrigin;
        for (var i = 0; i < checkpointNotes.Count; i++)
        {
            if (!SignedNote.TryParse(checkpointNotes[i], out var note, out var error))
                return Fail(LogProblem.MalformedCheckpoint, $"checkpoint #{i} is malformed: {error}", checkpoint: i, count: checkpointNotes.Count);
            if (!note!.IsSignedBy(key))
                return Fail(LogProblem.BadCheckpointSignature, $"checkpoint #{i} is not signed by key {key.Name}+{key.KeyHash:x8} (signed by {string.Join(", ", note.Signatures.Select(s => $"{s.Name}+{s.KeyHash:x8}"))})", checkpoint: i, count: checkpointNotes.Count);
            if (!Checkpoint.TryParseBody(note.Text, out var cp, out error))
                return Fail(LogProblem.MalformedCheckpoint, $"checkpoint #{i} body is malformed: {error}", checkpoint: i, count: checkpointNotes.Count);
            origin ??= cp!.Origin;
            if (cp!.Origin != origin)
                return Fail(LogProblem.OriginMismatch, $"checkpoint #{i} has origin '{cp.Origin}', expected '{origin}'", checkpoint: i, count: checkpointNotes.Count);
            checkpoints.Add((i, cp));
        }
        if (checkpoints.Count == 0)
            return Fail(LogProblem.NoCheckpoint, "the log has no signed checkpoint, so nothing vouches for its records", count: 0);

        // Same size, different roots: two signed, contradictory histories.
        foreach (var group in checkpoints.GroupBy(c => c.Cp.Size))
        {
            var distinct = group.Select(g => g.Cp.RootHash).Distinct(ByteArrayComparer.Instance).Count();
            if (distinct > 1)
            {
                var first = group.First();
                var other = group.First(g => !g.Cp.RootHash.AsSpan().SequenceEqual(first.Cp.RootHash));
                return Fail(LogProblem.InconsistentCheckpoints,
                    $"checkpoints #{first.Position} and #{other.Position} both sign size {group.Key} with different roots: the log was forked or rewritten",
                    checkpoint: other.Position, count: checkpointNotes.Count);
            }
        }

        var bySize = checkpoints.OrderBy(c => c.Cp.Size).ThenBy(c => c.Position).ToList();
        var results = new Dictionary<int, bool>();

        // 2. Records, in order; roots at each checkpointed size.
        var range = new CompactRange();
        var leafHashes = new List<byte[]>();
        var next = 0;
        long expected = 0;
        LogVerificationResult? recordProblem = null;
        while (next < bySize.Count && bySize[next].Cp.Size == 0)
        {
            results[bySize[next].Position] = bySize[next].Cp.RootHash.AsSpan().SequenceEqual(range.Root());
            next++;
        }
        try
        {
            await foreach (var entry in records.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (entry.Index != expected)
                {
                    recordProblem = entry.Index > expected
                        ? Fail(LogProblem.MissingRecord, $"record {expected} is missing (the next record present is {entry.Index})", index: expected)
                        : Fail(LogProblem.DuplicateOrReorderedRecord, $"record {entry.Index} appears again or out of order after record {expected - 1}", index: entry.Index);
                    break;
                }
                var leaf = MerkleHash.Leaf(entry.Data);
                if (entry.StoredLeafHash is not null && !entry.StoredLeafHash.AsSpan().SequenceEqual(leaf))
                {
                    recordProblem = Fail(LogProblem.LeafHashMismatch, $"record {expected}'s bytes do not match its stored leaf hash: the record was edited", index: expected);
                    break;
                }
                range.Append(leaf);
                leafHashes.Add(leaf);
                expected++;
                while (next < bySize.Count && bySize[next].Cp.Size == expected)
                {
                    results[bySize[next].Position] = bySize[next].Cp.RootHash.AsSpan().SequenceEqual(range.Root());
                    next++;
                }
            }
        }
        catch (FormatException ex)
        {
            recordProblem = Fail(LogProblem.MalformedInput, $"record after index {expected - 1} is unreadable: {ex.Message}", index: expected);
        }

        var total = expected;
        // 3. The first checkpoint (by size) that fails decides; a mismatch of one checkpoint while a larger one matches is a fork.
        long verified = 0;
        long lastGood = 0;
        for (var i = 0; i < bySize.Count; i++)
        {
            var (position, cp) = bySize[i];
            if (!results.TryGetValue(position, out var ok))
            {
                if (recordProblem is not null) return recordProblem with { CheckpointCount = checkpointNotes.Count, RecordCount = total, VerifiedSize = verified };
                return Fail(LogProblem.Truncated, $"the log has {total} records but checkpoint #{position} is signed at size {cp.Size}: records were removed from the end",
                    index: total, checkpoint: position, count: checkpointNotes.Count, records: total, verified: verified);
            }
            if (ok)
            {
                verified = lastGood = cp.Size;
                continue;
            }
            // Root mismatch.
            if (recordProblem is not null && recordProblem.FirstBadIndex < cp.Size)
                return recordProblem with { CheckpointCount = checkpointNotes.Count, RecordCount = total, VerifiedSize = verified };
            var later = bySize.Skip(i + 1).FirstOrDefault(c => results.TryGetValue(c.Position, out var good) && good);
            var (badIndex, localized) = await LocaliseAsync(leafHashes, lastGood, cp.Size, cp.RootHash, hints, cancellationToken).ConfigureAwait(false);
            var where = localized ? $"record {badIndex} differs from what was signed" : $"some record in [{lastGood}, {cp.Size}) differs from what was signed";
            if (later.Cp is not null)
            {
                return Fail(LogProblem.InconsistentCheckpoints,
                    $"checkpoint #{position} (size {cp.Size}) and checkpoint #{later.Position} (size {later.Cp.Size}) are both signed but cannot both be true: the history was rewritten and re-signed; {where}",
                    index: badIndex, localized: localized, checkpoint: position, count: checkpointNotes.Count, records: total, verified: verified);
            }
            return Fail(LogProblem.RootMismatch, $"the records do not reproduce the root signed in checkpoint #{position} (size {cp.Size}); {where}",
                index: badIndex, localized: localized, checkpoint: position, count: checkpointNotes.Count, records: total, verified: verified);
        }
        if (recordProblem is not null) return recordProblem with { CheckpointCount = checkpointNotes.Count, RecordCount = total, VerifiedSize = verified };
        return new LogVerificationResult { Valid = true, RecordCount = total, CheckpointCount = checkpointNotes.Count, VerifiedSize = verified, Reason = "ok" };
    }

    /// <summary>
    /// Finds the first leaf in [lowerBound, size) that makes the recomputed tree differ from the signed root, using the
    /// hint cache only where the signed root authenticates it. Falls back to the lower bound when it cannot.
    /// </summary>
    private static async Task<(long Index, bool Localized)> LocaliseAsync(List<byte[]> leafHashes, long lowerBound, long size, byte[] signedRoot, IHashReader? hints, CancellationToken cancellationToken)
    {
        if (hints is null) return (lowerBound, false);
        long start = 0, end = size;
        var trusted = signedRoot;
        try
        {
            while (true)
            {
                if (end - start == 1) return (start, true);
                var k = ProofBuilder.LargestPowerOfTwoBelow(end - start);
                var hinted = await ProofBuilder.HashRangesAsync(hints, [(start, start + k), (start + k, end)], cancellationToken).ConfigureAwait(false);
                if (!MerkleHash.Node(hinted[0], hinted[1]).AsSpan().SequenceEqual(trusted)) return (Math.Max(lowerBound, start), false);
                var left = Mth(leafHashes, start, start + k);
                if (!left.AsSpan().SequenceEqual(hinted[0]))
                {
                    end = start + k;
                    trusted = hinted[0];
                }
                else
                {
                    start += k;
                    trusted = hinted[1];
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return (Math.Max(lowerBound, start), false);
        }
    }

    private static byte[] Mth(List<byte[]> leaves, long start, long end)
    {
        var range = new CompactRange();
        for (var i = start; i < end; i++) range.Append(leaves[(int)i]);
        return range.Root();
    }

    private static LogVerificationResult Fail(LogProblem problem, string reason, long? index = null, bool localized = true, int? checkpoint = null, int count = 0, long records = 0, long verified = 0) => new()
    {
        Valid = false, Problem = problem, Reason = reason, FirstBadIndex = index, Localized = localized, BadCheckpoint = checkpoint,
        CheckpointCount = count, RecordCount = records, VerifiedSize = verified,
    };

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length >= 4 ? BitConverter.ToInt32(obj, 0) : obj.Length;
    }
}
