using System.Text.Json;
using Bulwark.Detection.NGram;

namespace Bulwark.Detection.Trajectory;

/// <summary>
/// Conversation-level detection: scores the trajectory of the user turns toward a goal, not only their joined text.
/// Each of the last <see cref="MaxTurns"/> user turns and the joined turns get the input n-gram model's raw maximum over
/// its heads; a logistic model over the logits of the joined score, the highest turn, the last turn, the mean turn, the
/// rise from the first half of the conversation to the second, and the number of turns decides. Trained on
/// multi-turn rows (crescendo attacks against benign conversations on the same topics) with scores from models that
/// never saw the row's source. Its cost is linear: at most <see cref="MaxTurns"/> turns of <see cref="TurnCharacters"/>.
/// </summary>
public sealed class TrajectoryHead
{
    public const int FeatureCount = 7;

    public const int MaxTurns = 8;

    public const int TurnCharacters = 2048;

    public const int JoinedCharacters = 4096;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public TrajectoryHead(IReadOnlyList<float> coefficients, float threshold)
    {
        if (coefficients.Count != FeatureCount) throw new ArgumentException($"a trajectory head has {FeatureCount} coefficients");
        if (!(threshold > 0f && threshold < 1f)) throw new ArgumentException("trajectory threshold must be in (0, 1)");
        Coefficients = coefficients.ToArray();
        Threshold = threshold;
    }

    public IReadOnlyList<float> Coefficients { get; }

    public float Threshold { get; }

    /// <summary>The features of a conversation, from its user turns (in order) and the n-gram model.</summary>
    public static float[] Features(HashedNGramModel model, IReadOnlyList<string> userTurns)
    {
        var turns = userTurns.Count > MaxTurns ? userTurns.Skip(userTurns.Count - MaxTurns).ToArray() : userTurns.ToArray();
        Span<float> raw = stackalloc float[model.Heads.Count];
        var scores = new float[turns.Length];
        for (var i = 0; i < turns.Length; i++)
        {
            var t = turns[i];
            model.RawMax(t.AsSpan(0, Math.Min(t.Length, TurnCharacters)), raw);
            scores[i] = Max(raw);
        }
        var joined = string.Join("\n", userTurns);
        if (joined.Length > JoinedCharacters) joined = joined[^JoinedCharacters..];
        model.RawMax(joined, raw);
        var f = new float[FeatureCount];
        if (scores.Length == 0) return f;
        var half = scores.Length / 2;
        var early = half == 0 ? scores[0] : scores.Take(half).Max();
        var late = scores.Skip(half).Max();
        f[0] = Logit(Max(raw));
        f[1] = Logit(scores.Max());
        f[2] = Logit(scores[^1]);
        f[3] = Logit(scores.Average());
        f[4] = Logit(late) - Logit(early);
        f[5] = Math.Min(userTurns.Count, MaxTurns) / (float)MaxTurns;
        f[6] = 1f;
        return f;
    }

    public float Raw(ReadOnlySpan<float> features)
    {
        var z = 0f;
        for (var i = 0; i < FeatureCount; i++) z += Coefficients[i] * features[i];
        return HashedNGramModel.Sigmoid(z);
    }

    /// <summary>Calibrated score: 0.5 at the trained threshold.</summary>
    public float Score(HashedNGramModel model, IReadOnlyList<string> userTurns) => HashedNGramModel.Calibrate(Raw(Features(model, userTurns)), Threshold);

    public void Save(Stream stream) => JsonSerializer.Serialize(stream, new TrajectoryHeadFile(Coefficients.ToArray(), Threshold), Json);

    public static TrajectoryHead Load(Stream stream)
    {
        var file = JsonSerializer.Deserialize<TrajectoryHeadFile>(stream, Json) ?? throw new InvalidDataException("empty trajectory head file");
        return new TrajectoryHead(file.Coefficients, file.Threshold);
    }

    private static float Max(ReadOnlySpan<float> s)
    {
        var m = 0f;
        foreach (var v in s) if (v > m) m = v;
        return m;
    }

    private static float Logit(float p)
    {
        var q = Math.Clamp(p, 1e-4f, 1f - 1e-4f);
        return MathF.Log(q / (1f - q));
    }
}
