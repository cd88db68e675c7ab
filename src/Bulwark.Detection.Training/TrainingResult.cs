using Bulwark.Detection.Models;

namespace Bulwark.Detection.Training;

/// <summary>What <see cref="DetectorTrainer"/> produced: the models, the rows used, and out-of-fold flag rates per source.</summary>
public sealed record TrainingResult(
    DetectorModels Models,
    IReadOnlyList<string> Sources,
    int PromptRows,
    int OutputRows,
    IReadOnlyList<SourceRate> OutOfFold);
