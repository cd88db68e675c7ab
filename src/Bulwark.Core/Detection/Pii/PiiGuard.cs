using System.Globalization;
using Bulwark.Core.Guards;

namespace Bulwark.Core.Detection.Pii;

/// <summary>
/// Guard "pii" (input and output, on the raw text before normalisation): finds personal data and secrets with
/// <see cref="PiiScanner"/> and reports one finding per type in category <c>pii</c> (score 1, rule <c>BW-PII-&lt;TYPE&gt;</c>,
/// the count as detail), a note <c>pii.&lt;type&gt;=&lt;count&gt;</c>, and the values with typed placeholders ([EMAIL_1]) so that a
/// policy with <c>Pii: Redact</c> can mask them. Input: every part of every message. Output: the window under inspection.
/// Never puts a value in a finding, note or reason.
/// </summary>
public sealed class PiiGuard : IGuard
{
    public const string GuardName = "pii";

    public string Name => GuardName;

    public GuardStages Stages => GuardStages.Both;

    public GuardPlacement Placement => GuardPlacement.BeforeNormalization;

    public bool Offload => false;

    public ValueTask WarmUpAsync(CancellationToken cancellationToken)
    {
        PiiScanner.Scan("warm-up a@b.example +1 415-555-2671 4111 1111 1111 1111 10.0.0.1");
        return ValueTask.CompletedTask;
    }

    public ValueTask<GuardResult> InspectAsync(GuardContext context, CancellationToken cancellationToken)
    {
        var map = new RedactionMap();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (context.Stage == GuardStage.Input)
        {
            foreach (var message in context.Conversation.Messages)
            {
                foreach (var part in message.Parts)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Add(part.Text);
                }
            }
        }
        else
        {
            Add(context.OutputWindow);
        }
        if (counts.Count == 0) return ValueTask.FromResult(GuardResult.Clean);

        var inv = CultureInfo.InvariantCulture;
        var ordered = counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
        return ValueTask.FromResult(new GuardResult
        {
            Findings = ordered.Select(kv => new Finding(Categories.Pii, 1.0, PiiTypes.RuleId(kv.Key), kv.Value.ToString(inv))).ToArray(),
            Notes = ordered.Select(kv => $"pii.{kv.Key.ToLowerInvariant()}={kv.Value.ToString(inv)}").ToArray(),
            Reason = "personal data or secrets: " + string.Join(", ", ordered.Select(kv => kv.Key.ToLowerInvariant())),
            Redactions = map.All,
        });

        void Add(string text)
        {
            foreach (var m in PiiScanner.Scan(text))
            {
                map.Add(text.Substring(m.Start, m.Length), m.Type);
                counts[m.Type] = counts.TryGetValue(m.Type, out var n) ? n + 1 : 1;
            }
        }
    }
}
