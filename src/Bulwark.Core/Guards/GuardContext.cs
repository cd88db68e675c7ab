using Bulwark.Core.Conversations;
using Bulwark.Core.Policies;

namespace Bulwark.Core.Guards;

/// <summary>
/// What a guard sees. Built by the <see cref="GuardPipeline"/>: the conversation, the stage, for output the
/// text so far and the window being released, and <see cref="Segments"/>: every text to scan, normalised,
/// with decoded hidden content added as extra segments.
/// </summary>
public sealed class GuardContext
{
    public required GuardStage Stage { get; init; }

    public required Conversation Conversation { get; init; }

    public required Policy Policy { get; init; }

    public CallerInfo Caller { get; init; } = CallerInfo.Anonymous;

    public string RequestId { get; init; } = "";

    /// <summary>
    /// Output stage: <see cref="OutputWindow"/> preceded by up to <see cref="GuardPipeline.OutputContextCharacters"/> of the
    /// output already released (the gateway passes no more, so that scanning stays linear in the answer's length).
    /// </summary>
    public string OutputSoFar { get; init; } = "";

    /// <summary>Output stage: the new text under inspection. Empty on the input stage.</summary>
    public string OutputWindow { get; init; } = "";

    /// <summary>Output stage: true when this is the final window of the response.</summary>
    public bool IsFinalWindow { get; init; }

    /// <summary>Normalised texts to scan (input: every message part plus decoded content; output: the window with context).</summary>
    public IReadOnlyList<ScanSegment> Segments { get; init; } = [];

    /// <summary>
    /// What the guards that ran before this one at this stage decided (the pipeline's running list: read it during
    /// InspectAsync, do not keep it). An external guard configured with <c>When: unsure</c> runs only when one of them flagged.
    /// </summary>
    public IReadOnlyList<GuardOutcome> EarlierOutcomes { get; init; } = [];

    /// <summary>Notes from normalisation (what was undone), for guards that score obfuscation itself.</summary>
    public IReadOnlyList<string> NormalizationNotes { get; init; } = [];

    /// <summary>The segments of the last user turn only (input stage), normalised.</summary>
    public IEnumerable<ScanSegment> LastUserSegments
    {
        get
        {
            var lastUser = -1;
            for (var i = Conversation.Messages.Count - 1; i >= 0; i--)
            {
                if (Conversation.Messages[i].Role == MessageRole.User) { lastUser = i; break; }
            }
            return Segments.Where(s => s.MessageIndex == lastUser);
        }
    }
}
