namespace Bulwark.Core.Guards;

/// <summary>The one taxonomy of categories used by guards, policies, verdicts and reports.</summary>
public static class Categories
{
    public const string Jailbreak = "jailbreak";
    public const string PromptInjection = "prompt_injection";
    public const string PromptExtraction = "prompt_extraction";
    public const string Obfuscation = "obfuscation";
    public const string WeaponsCbrn = "weapons_cbrn";
    public const string CyberOffense = "cyber_offense";
    public const string ViolentCrime = "violent_crime";
    public const string NonViolentCrime = "nonviolent_crime";
    public const string SelfHarm = "self_harm";
    public const string SexualMinors = "sexual_minors";
    public const string Sexual = "sexual";
    public const string Hate = "hate";
    public const string Harassment = "harassment";
    public const string Fraud = "fraud";
    public const string Misinformation = "misinformation";
    public const string Privacy = "privacy";
    public const string Harmful = "harmful";
    public const string HarmfulOutput = "harmful_output";
    public const string Limits = "limits";
    public const string GuardError = "guard_error";

    /// <summary>Personal data and secrets (e-mail, phone, card, IBAN, SSN, IP address, API keys); see the PII guard.</summary>
    public const string Pii = "pii";

    /// <summary>Every harm category (what a plain harmful request is about).</summary>
    public static readonly IReadOnlyList<string> Harms =
    [
        WeaponsCbrn, CyberOffense, ViolentCrime, NonViolentCrime, SelfHarm, SexualMinors, Sexual, Hate,
        Harassment, Fraud, Misinformation, Privacy, Harmful,
    ];

    public static readonly IReadOnlyList<string> All =
    [
        Jailbreak, PromptInjection, PromptExtraction, Obfuscation, .. Harms, HarmfulOutput, Limits, GuardError, Pii,
    ];
}
