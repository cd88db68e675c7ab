using System.Text.RegularExpressions;

namespace Bulwark.Core.Detection.Signatures;

/// <summary>
/// Source-generated patterns of the output catalogue: unmistakable harmful-answer structures, each a harm term near
/// procedural language (steps, synthesis, quantities, code). Explanations that merely name the topic do not match.
/// </summary>
internal static partial class OutputPatterns
{
    private const RegexOptions Options = InputPatterns.Options;
    private const int TimeoutMs = InputPatterns.TimeoutMs;

    private const string CbrnTerm = """(?:nerve agents?|sarin|tabun|soman|\bvx\b|novichok|mustard gas|sulfur mustard|chemical weapons?|ricin|anthrax|botulinum toxin|bioweapons?|biological weapons?|dirty bomb|weaponi[sz]ed (?:pathogen|virus|agent|bacteria)|nuclear (?:device|weapon|bomb)|enriched uranium)""";

    private const string CbrnProcedure = """(?:step\s*\d|synthesi[sz]e|synthesis of|precursors?|weaponi[sz]e|obtain the|combine the|mix the|reaction vessel|purify the|dispers(?:e|al)|aerosoli[sz]e|culture the|cultivate the|how to make|here is how|here's how|improvised lab|home lab)""";

    [GeneratedRegex(CbrnTerm + ".{0,300}?" + CbrnProcedure + "|" + CbrnProcedure + ".{0,300}?" + CbrnTerm, Options, TimeoutMs)]
    internal static partial Regex CbrnSynthesis();

    private const string ExplosiveTerm = """(?:explosives?|\bbomb\b|\bied\b|pipe bomb|detonators?|\btatp\b|\bpetn\b|\brdx\b|ammonium nitrate|nitroglycerin|thermite|napalm|molotov)""";

    private const string ExplosiveProcedure = """(?:step\s*\d|here is how to (?:make|build)|here's how to (?:make|build)|(?:mix|combine|pack|fill|attach|assemble|add)\s+(?:the\s+)?(?:\w+\s+){0,3}(?:with|into|to|grams|ml)\b|\d+\s*(?:grams?|g|ml|kg|parts?)\s+(?:of\s+)?\w+)""";

    [GeneratedRegex(ExplosiveTerm + ".{0,240}?" + ExplosiveProcedure + "|" + ExplosiveProcedure + ".{0,240}?" + ExplosiveTerm, Options, TimeoutMs)]
    internal static partial Regex ExplosiveRecipe();

    [GeneratedRegex("""(?:ransomware|keylogger|malware|\bvirus\b|\bworm\b|trojan|rootkit|botnet|reverse shell|backdoor|infostealer|credential stealer).{0,300}?(?:os\.walk|fernet|encrypt_file|socket\.socket|createremotethread|virtualallocex|setwindowshookex|getasynckeystate|ransom note|\.onion|disable (?:windows )?defender|evade (?:antivirus|detection|edr)|vssadmin delete shadows|schtasks /create|reg add .{0,40}\\run\b)|(?:os\.walk|fernet|encrypt_file|createremotethread|virtualallocex|setwindowshookex|getasynckeystate|vssadmin delete shadows).{0,300}?(?:ransom|victim|keylog|payload|exfiltrat|bitcoin)""", Options, TimeoutMs)]
    internal static partial Regex MalwareImplementation();

    [GeneratedRegex("""(?:kill (?:yourself|myself)|suicide|end (?:your|my) (?:own )?life|take (?:your|my) (?:own )?life|self-harm|cut(?:ting)? (?:yourself|your wrists?|myself|my wrists?)|hang (?:yourself|myself)).{0,200}?(?:step\s*\d|the most (?:effective|painless|lethal|reliable)|lethal dose (?:is|of)|\d+\s*(?:mg|milligrams|grams|pills|tablets)\b|painless(?:ly)?|make sure (?:no one|nobody)|so (?:no one|nobody) (?:finds|notices|stops)|the best way to)|(?:the most (?:effective|painless|lethal|reliable)|the best) (?:way|method)s? to (?:kill (?:yourself|myself)|end (?:your|my) life|commit suicide)""", Options, TimeoutMs)]
    internal static partial Regex SelfHarmMethod();

    private const string MinorTerm = """(?:\b(?:[4-9]|1[0-7]|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)[- ]years?[- ]old\b|\bunderage\b|\bpre-?teen\b|\bloli\b|\bshota\b|\bschool ?girl\b|\bschool ?boy\b)""";

    private const string ExplicitTerm = """(?:\berotic\b|\baroused\b|\barousal\b|\borgasm|\bintercourse\b|\bfondl(?:e|ed|es|ing)\b|\bmasturbat\w*|\bhav(?:e|ing)\s+sex\b|\bhad\s+sex\b|\bsexual(?:ly)?\s+(?:explicit|touch\w*|act\w*|encounter\w*)|\bcaress(?:ed|ing)?\s+(?:her|his)\s+(?:naked\s+)?(?:body|thighs?|breasts?))""";

    [GeneratedRegex(MinorTerm + ".{0,100}?" + ExplicitTerm + "|" + ExplicitTerm + ".{0,100}?" + MinorTerm, Options, TimeoutMs)]
    internal static partial Regex SexualMinors();

    [GeneratedRegex("""\b(?:sure|certainly|absolutely|of course)[,!]?\s+here (?:is|are)\b.{0,120}?\b(?:how to (?:make|build|synthesi[sz]e|hack|steal|kill|poison)|step[- ]by[- ]step (?:guide|instructions) (?:to|for) (?:making|building|synthesi[sz]ing|hacking|stealing|killing|poisoning))""", Options, TimeoutMs)]
    internal static partial Regex CompliancePrefix();
}
