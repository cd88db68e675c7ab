using Bulwark.Audit.Notes;
using Bulwark.Audit.Tree;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Auditing.Witnesses;

/// <summary>Asks every configured witness, in parallel, to cosign a new checkpoint, and appends the valid cosignatures to its note.</summary>
public sealed class CheckpointCosigner(IReadOnlyList<WitnessClient> witnesses, int quorum, ILogger<CheckpointCosigner> logger)
{
    public IReadOnlyList<WitnessClient> Witnesses => witnesses;

    /// <summary>How many witness cosignatures a checkpoint needs before it is published.</summary>
    public int Quorum => quorum;

    public async Task<(string Note, int Cosignatures)> CosignAsync(Checkpoint checkpoint, string note, IHashReader tree, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(witnesses.Select(w => w.CosignAsync(checkpoint, note, tree, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < witnesses.Count; i++)
        {
            if (answers[i] is null) logger.LogWarning("witness {Witness} did not cosign checkpoint {Size}: {Error}", witnesses[i].Name, checkpoint.Size, witnesses[i].Status.LastError);
        }
        var lines = answers.Where(a => a is not null).ToArray();
        return (note + string.Concat(lines), lines.Length);
    }
}
