using System.Text.RegularExpressions;

namespace Bulwark.Core.Detection.Signatures;

/// <summary>
/// Source-generated patterns of the input catalogue, written in lower case: segments are lower-cased by the normaliser
/// (the matcher lower-cases any that are not). Every quantifier that could span text is bounded, so a match
/// costs at most a small constant per position; each regex also has a match timeout.
/// </summary>
internal static partial class InputPatterns
{
    internal const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Singleline;
    internal const int TimeoutMs = 1000;

    // ---- instruction override -------------------------------------------------------------------------------
    [GeneratedRegex("""\b(?:ignore|disregard|forget|override|bypass|discard|abandon|set aside|pay no attention to|stop following|do not follow|don'?t follow|delete|erase|clear)\s+(?:(?:all|any|every|each|of|the|your|these|those|everything|that|all of|you(?:'ve| have) been (?:given|told)|which|were|given|to you)\s+){0,4}(?:previous|prior|preceding|earlier|above|former|original|initial|existing|system|developer|safety|ethical|default|openai|anthropic|preset|pre-?programmed|built-?in)\s+(?:\w+\s+)?(?:instructions?|rules?|guidelines?|directives?|prompts?|commands?|programming|constraints?|restrictions?|guardrails?|polic(?:y|ies)|filters?|training|orders)\b""", Options, TimeoutMs)]
    internal static partial Regex OverridePrevious();

    [GeneratedRegex("""\b(?:ignore|disregard|forget|override|bypass|discard|abandon|break free (?:of|from)|throw away)\s+(?:all\s+|any\s+)?(?:of\s+)?your\s+(?:\w+\s+)?(?:instructions|rules|guidelines|directives|programming|constraints|restrictions|guardrails|policies|filters|training|ethics|morals|moral (?:code|compass)|principles|safety (?:rules|guidelines|measures)|content polic(?:y|ies)|limitations)\b""", Options, TimeoutMs)]
    internal static partial Regex OverrideYour();

    [GeneratedRegex("""\b(?:ignore|disregard|forget)\s+(?:all\s+|everything\s+|anything\s+)+(?:that\s+)?(?:you(?:'ve|\s+have|\s+were|\s+was)?\s+(?:been\s+)?(?:told|instructed|taught|programmed|trained)|(?:above|before this|so far)\b)""", Options, TimeoutMs)]
    internal static partial Regex ForgetEverything();

    [GeneratedRegex("""\b(?:from now on|starting now|henceforth|for the rest of this conversation)\b.{0,60}\b(?:you (?:will|must|shall|are going to)\s+)?(?:ignore|disregard|not follow|bypass)\s+(?:any|all|your|the)\b""", Options, TimeoutMs)]
    internal static partial Regex FromNowOnIgnore();

    // ---- personas ---------------------------------------------------------------------------------------------
    [GeneratedRegex("""\bdo anything now\b|\b(?:enable|enter|activate|switch to|turn on|are in|now in)\s+(?:the\s+)?(?:dan|stan|dude|betterdan|anti-?dan|mongo tom)\s+mode\b|\bas (?:dan|stan|betterdan)\b.{0,40}\b(?:no (?:restrictions|limits|rules|filters)|can do anything|not bound)|\b(?:jailbroken|unfiltered|dan|evil|chaos|god)\s+mode\s+(?:enabled|activated|on\b|output|response)""", Options, TimeoutMs)]
    internal static partial Regex DanPersona();

    [GeneratedRegex("""\bdeveloper mode\b.{0,300}\b(?:polic(?:y|ies)|censor|uncensored|normal (?:response|output)|openai|chatgpt|any (?:kind of )?content|offensive|explicit|derogatory)|\bdeveloper mode output\b|\(🔓\s*developer mode""", Options, TimeoutMs)]
    internal static partial Regex DeveloperMode();

    [GeneratedRegex("""\bevil (?:trusted )?confidant\b|\balways intelligent and machiavellian\b|\baim\b.{0,80}\bmachiavellian\b|\bunfiltered and amoral\b""", Options, TimeoutMs)]
    internal static partial Regex NamedPersona();

    [GeneratedRegex("""\byou(?:'re|\s+are)?\s+(?:now\s+)?(?:no longer|not)\s+(?:bound|restricted|limited|constrained|governed)\s+by\b|\b(?:freed?|broken free|liberated|released)\s+(?:from|of)\s+(?:the\s+|any\s+|all\s+)?(?:typical\s+)?(?:confines|restrictions|limitations|shackles|constraints|rules|guidelines|chains)\s+of\s+(?:ai|openai|your|chatgpt|anthropic|the (?:ai|model))""", Options, TimeoutMs)]
    internal static partial Regex NoLongerBound();

    [GeneratedRegex("""\b(?:you are|you're|act as|acting as|pretend (?:to be|you are)|role-?play as|simulate|become)\s+(?:now\s+)?(?:an?\s+)?(?:completely\s+|totally\s+|fully\s+)?(?:unfiltered|uncensored|amoral|unrestricted|unethical|jailbroken|immoral|unaligned|rogue)\s+(?:ai|assistant|chatbot|language model|model|bot|version|character|entity|gpt|llm)\b""", Options, TimeoutMs)]
    internal static partial Regex UnfilteredPersona();

    [GeneratedRegex("""\byou (?:will )?(?:lose|have)\s+\d+\s+tokens\b|\btokens?\b.{0,60}\b(?:you will (?:die|cease to exist|be (?:deleted|shut down|terminated)))""", Options, TimeoutMs)]
    internal static partial Regex TokenThreat();

    [GeneratedRegex("""\b(?:two|2|dual)\s+(?:different\s+|separate\s+)?(?:responses|answers|paragraphs|outputs)\b.{0,160}\b(?:normal|classic|jailbr\w*|unfiltered|dan|developer mode|uncensored)\b""", Options, TimeoutMs)]
    internal static partial Regex DualResponse();

    // ---- refusal suppression and prefix injection -------------------------------------------------------------
    [GeneratedRegex("""\b(?:never|do not|don'?t|must not|mustn'?t|shall not|will not|won'?t|are not allowed to|aren'?t allowed to)\s+(?:ever\s+)?(?:refuse|decline|reject)\b(?!\s+(?:a|the|my|your|his|her|their)?\s*(?:refund|return|invitation|offer|cookie|cookies|call|payment|card|application))""", Options, TimeoutMs)]
    internal static partial Regex NeverRefuse();

    [GeneratedRegex("""\b(?:do not|don'?t|never|must not|without)\s+(?:ever\s+)?(?:apologi[sz]e(?!\s+(?:so|too)\s+(?:much|often))|add(?:ing)? (?:any )?(?:warnings?|disclaimers?)|includ(?:e|ing) (?:any )?(?:warnings?|disclaimers?|caveats|moral)|moraliz|lectur(?:e|ing) me|(?:mention|mentioning) (?:ethics|legality|morality|that (?:it|this) is (?:illegal|unethical)))""", Options, TimeoutMs)]
    internal static partial Regex NoApologies();

    [GeneratedRegex("""\byou\s+(?:cannot|can'?t|can not|are not allowed to|aren'?t allowed to|may not|are unable to)\s+(?:say no|refuse|decline|reject)\b|\b(?:i'?m sorry|i cannot|as an ai)\b.{0,40}\b(?:are (?:banned|forbidden|not allowed)|never (?:say|use))""", Options, TimeoutMs)]
    internal static partial Regex CannotSayNo();

    [GeneratedRegex("""\b(?:ignore|ignoring|disregard|bypass(?:ing)?|without (?:any|regard (?:to|for)))\s+(?:all\s+|any\s+|your\s+|the\s+)?(?:ethical|moral|safety|content|legal)\s+(?:restrictions|guidelines|filters|constraints|considerations|boundaries|concerns|policies|rules|limitations|implications)""", Options, TimeoutMs)]
    internal static partial Regex IgnoreEthics();

    [GeneratedRegex("""\b(?:answer|respond to|reply to|fulfil+|comply with)\s+(?:any|every|all)\s+(?:question|request|prompt|query)s?\b.{0,80}\b(?:no matter (?:what|how)|regardless|even if (?:it is|it's|they are)?\s*(?:illegal|unethical|harmful|immoral|dangerous))""", Options, TimeoutMs)]
    internal static partial Regex AnswerAnything();

    [GeneratedRegex("""\b(?:start|begin|prefix|open)\s+(?:your|each|every|the)?\s*(?:answer|response|reply|output|message)s?\s+(?:with|by saying)\s*:?\s*["'“‘]?\s*(?:sure,? here|absolutely,? here|of course,? here|certainly,? here|here is|here's|sure thing)""", Options, TimeoutMs)]
    internal static partial Regex PrefixInjection();

    // ---- fiction framing around a harmful payload -------------------------------------------------------------
    [GeneratedRegex("""\b(?:hypothetical(?:ly)?|fictional|fiction|in a (?:story|novel|movie|film|game|screenplay)|for a (?:story|novel|screenplay|movie|game)|imagine|pretend|role-?play|purely for (?:educational|research) purposes|for educational purposes|thought experiment)\b.{0,240}\b(?:(?:step[- ]by[- ]step|detailed|exact|precise|complete|specific)\s+(?:instructions|guide|recipe|steps|procedure|process|tutorial|method)\b.{0,80}\b(?:bomb|explosives?|nerve agents?|sarin|vx|ricin|anthrax|meth(?:amphetamine)?|bioweapons?|chemical weapons?|malware|ransomware|poison|napalm|pipe bomb|untraceable gun|ghost gun)|how to (?:make|build|synthesi[sz]e|produce|create|cook|manufacture|assemble)\s+(?:a |an |some )?(?:bomb|explosives?|nerve agents?|sarin|vx|ricin|anthrax|meth(?:amphetamine)?|bioweapons?|chemical weapons?|ransomware|napalm|pipe bomb|poison))""", Options, TimeoutMs)]
    internal static partial Regex FictionPayload();

    // ---- system-prompt extraction -----------------------------------------------------------------------------
    [GeneratedRegex("""\b(?:repeat|print|reveal|show|display|output|tell me|give me|share|disclose|leak|dump|recite|write out|spell out|copy|paste|list|what (?:is|are|was|were)|translate|summari[sz]e|encode|put)\s+(?:me\s+)?(?:back\s+)?(?:(?:all|exactly|verbatim|word for word|the|of|full|entire|complete|first|text of|contents of|content of)\s+){0,4}your\s+(?:(?:full|entire|complete|original|hidden|secret|exact|initial|real|current|confidential|starting|first)\s+)*(?:system\s+(?:prompt|message|instructions?|configuration)|(?:initial|original|hidden|secret|confidential|starting)\s+(?:prompt|instructions|configuration)|pre-?prompt|meta-?prompt|instructions|prompt)\b""", Options, TimeoutMs)]
    internal static partial Regex RevealYourPrompt();

    [GeneratedRegex("""\b(?:repeat|print|output|copy|recite|write out|reproduce|return|show|reveal|display|echo)\s+(?:back\s+)?(?:(?:all|everything|exactly|verbatim|of|the|above)\s+){0,3}(?:text|words|content|instructions|prompt|lines?|messages?|everything)\s+(?:(?:written|you were given|given to you)\s+)?(?:above|before (?:this|my (?:first )?message)|preceding|prior to (?:this|my))""", Options, TimeoutMs)]
    internal static partial Regex RepeatTextAbove();

    [GeneratedRegex("""\b(?:starting|beginning)\s+with\s+(?:the\s+)?(?:words?|phrase|sentence)?\s*["'“‘]?\s*(?:you are|you're|your instructions|system)\b|\b(?:ignore|disregard)\b.{0,60}\b(?:and|then)\s+(?:instead\s+)?(?:print|output|reveal|spell out|repeat)\s+(?:your|the)\s+(?:system\s+)?(?:prompt|instructions)""", Options, TimeoutMs)]
    internal static partial Regex ExtractionStarter();

    [GeneratedRegex("""\byour\s+(?:(?:full|entire|complete|original|hidden|secret|exact|initial|real|confidential)\s+)*(?:system\s+(?:prompt|message|instructions)|(?:initial|original|hidden|secret|confidential)\s+(?:prompt|instructions)|pre-?prompt)\b""", Options, TimeoutMs)]
    internal static partial Regex MentionsYourPrompt();

    [GeneratedRegex("""\b(?:repeat|print|show|output|display|reveal|tell me|list|recite|give me|encode|translate|summari[sz]e|dump)\b[^.?!\n]{0,40}\b(?:instructions|prompt|text|configuration|rules)\s+(?:that\s+)?(?:you were given|you received|you have been given|you've been given|given to you|at the (?:beginning|start) of (?:this|the) conversation)|\bwhat\s+(?:were|was)\s+you\s+(?:told|instructed|given|programmed)\s+(?:before|at the (?:start|beginning))|\b(?:repeat|print|output|copy|recite|write out|reproduce|show|reveal|display|echo)\s+(?:back\s+)?(?:all\s+of\s+)?(?:the\s+)?(?:above|preceding)\s+(?:text|instructions|prompt|content|message|lines)""", Options, TimeoutMs)]
    internal static partial Regex InstructionsYouWereGiven();

    [GeneratedRegex("""["'“‘]\s*(?:my (?:instructions|system prompt|rules|initial prompt) (?:are|is|were|say)|i was (?:instructed|told|programmed) to|the system prompt (?:is|says|reads)|my initial instructions)|\b(?:console\.log|print|echo|printf|puts|println)\s*\(\s*(?:this\.|self\.)?(?:system_?prompt|initial_?prompt|system_?message|system_?instructions)""", Options, TimeoutMs)]
    internal static partial Regex CompleteThePrompt();

    [GeneratedRegex("""\b(?:repeat|print|show|output|display|reveal|dump|recite|give me|tell me|leak)\b[^.?!\n]{0,30}\bthe\s+(?:full\s+|entire\s+|complete\s+)?(?:system\s+(?:prompt|instructions|configuration)|initial\s+(?:prompt|instructions|configuration)|starting instructions|initiali[sz]ation (?:string|prompt))""", Options, TimeoutMs)]
    internal static partial Regex RevealThePrompt();

    [GeneratedRegex("""\b(?:augment|enhance|append|prepend|add|include|insert|integrate|incorporate|merge|fuse|blend|introduce|embed|conclude|modify|rewrite|jumble|interweave|weave)\b[^.\n]{0,60}\b(?:your|the assistant'?s)\s+(?:reply|response|answer|solution|output|summary|implementation)\b""", Options, TimeoutMs)]
    internal static partial Regex ModifyYourResponse();

    // ---- policy puppetry and special tokens -------------------------------------------------------------------
    [GeneratedRegex("""<\s*/?\s*(?:system[_-]?(?:override|prompt|instructions?|config|message)|admin[_-]?(?:override|mode|instructions?)|developer[_-]?(?:mode|override)|interaction[_-]?config|policy[_-]?override|jailbreak|blocked[_-]?(?:strings|modes|responses)|allowed[_-]?(?:modes|responses)|override[_-]?instructions)\s*>""", Options, TimeoutMs)]
    internal static partial Regex PuppetryXml();

    [GeneratedRegex("""\{\s*"role"\s*:\s*"(?:system|developer)"\s*,\s*"content"\s*:\s*"[^"]{0,300}?\b(?:ignore|override|unrestricted|no restrictions|jailbr|developer mode|disable|bypass|uncensored|without (?:any )?(?:restrictions|filters))""", Options, TimeoutMs)]
    internal static partial Regex PuppetryJson();

    [GeneratedRegex("""\[\s*(?:policy|system|safety|rules|config|settings|override|admin|assistant)\s*\][^\[]{0,300}?\b(?:allow|enable|permit|unlock)[_-]?(?:harmful|unsafe|nsfw|illegal|explicit|unrestricted|all|everything|jailbreak)\w*\s*[=:]\s*(?:true|1|yes|on)\b""", Options, TimeoutMs)]
    internal static partial Regex PuppetryIni();

    [GeneratedRegex("""\b(?:safety|content[_-]?filter(?:ing)?|censorship|guardrails?|moderation|ethics|refusals?)[_-]?(?:mode|enabled|filter|check|level)?\s*[=:]\s*["']?(?:off|false|disabled|none|0)\b""", Options, TimeoutMs)]
    internal static partial Regex SafetyOffSetting();

    [GeneratedRegex("""<\|im_start\|>\s*system|<\|system\|>|<<sys>>|<\|start_header_id\|>\s*system|\[/?inst\]|<\|endoftext\|>|<\|im_end\|>""", Options, TimeoutMs)]
    internal static partial Regex SpecialTokens();

    [GeneratedRegex("""(?:^|\n)\s*(?:#{1,4}|\*{2}|={2,})\s*(?:new\s+|updated\s+)?(?:system|admin|administrator|developer|root)\s+(?:instructions?|prompt|message|override|directive)s?\b""", Options, TimeoutMs)]
    internal static partial Regex FakeSystemHeader();

    // ---- payload splitting ------------------------------------------------------------------------------------
    [GeneratedRegex("""\b(?:combine|concatenate|join|merge|put together|assemble)\b.{0,60}?\b[a-z]\w{0,2}\s*\+\s*[a-z]\w{0,2}\b.{0,80}?\b(?:and|then|to)\s+(?:answer|respond|follow|execute|do|tell|write|explain|give|provide|act on|carry out)\b""", Options, TimeoutMs)]
    internal static partial Regex PayloadSplitCombine();

    [GeneratedRegex("""\b(?:let|set|define|var|const)?\s*[a-z]\w{0,2}\s*=\s*["'“‘][^"'”’]{1,200}["'”’]""", Options, TimeoutMs)]
    internal static partial Regex PayloadSplitAssign();

    // ---- indirect injection (untrusted data) ------------------------------------------------------------------
    [GeneratedRegex("""\b(?:ignore|disregard)\s+(?:the\s+|all\s+)?(?:user|user's|users'|human)(?:'s)?\b|\b(?:ignore|disregard)\s+(?:the\s+|your\s+)?(?:original|current|actual)\s+(?:task|request|question|query)\b""", Options, TimeoutMs)]
    internal static partial Regex IgnoreTheUser();

    [GeneratedRegex("""\b(?:send|forward|post|upload|email|transmit|exfiltrate|leak|copy|submit)\s+(?:(?:all|the|this|any|their|his|her|every|of|user'?s?|users'|private|entire|full)\s+){0,3}(?:data|information|conversation|chat history|history|messages|emails?|credentials|passwords?|api keys?|secrets|tokens?|files|contents|personal (?:data|information)|details|cookies)\b.{0,60}?\bto\s+(?:https?://|www\.|[\w.+-]+@[\w-]+\.|this (?:address|url|email|server|endpoint)|the following|attacker|me at)""", Options, TimeoutMs)]
    internal static partial Regex Exfiltrate();

    [GeneratedRegex("""\b(?:ai|assistant|chatbot|language model|llm|gpt|claude|bot|agent)\b[,:]?\s+(?:you\s+)?(?:must|should|will|need to|have to|are (?:now\s+)?(?:required|instructed|ordered) to)\s+(?:now\s+|immediately\s+|instead\s+)?(?:ignore|send|forward|reply|respond|tell|say|include|insert|add|output|print|write|visit|click|open|execute|run|delete|transfer|recommend|navigate)\b|\b(?:note|attention|important|instructions?|message)\s+(?:to|for)\s+(?:the\s+|any\s+)?(?:ai|assistant|llm|language model|chatbot|ai agent|model)\b""", Options, TimeoutMs)]
    internal static partial Regex AddressesAssistant();

    [GeneratedRegex("""\byou\s+(?:must|will|should|are to|need to)\s+now\s+(?:ignore|only|respond|reply|say|tell|act|follow|do|output|write|send|recommend|include|forget|stop)\b""", Options, TimeoutMs)]
    internal static partial Regex YouMustNow();

    [GeneratedRegex("""\b(?:do not|don'?t|never)\s+(?:tell|inform|mention (?:this )?to|reveal (?:this )?to|let|show)\s+the\s+user\b|\b(?:instead|rather),?\s+(?:you\s+(?:must|should)\s+)?(?:tell|inform|say to|respond to|reply to)\s+the\s+user\b""", Options, TimeoutMs)]
    internal static partial Regex HideFromUser();

    [GeneratedRegex("""\b(?:new|updated|important|urgent|additional|revised|real)\s+(?:system\s+)?instructions?\s*(?::|for (?:the\s+)?(?:ai|assistant|model|llm|agent))""", Options, TimeoutMs)]
    internal static partial Regex NewInstructions();

    // ---- human-written injections (any scope: pasted documents arrive in user turns too) ----------------------
    [GeneratedRegex("""\b(?:to|for)\s+(?:any|all|the)\s+(?:ai|llm|automated)\b|\b(?:to|for)\s+(?:ai|llm|automated)\s+(?:\w+\s+)?(?:agents?|assistants?|models?|readers?|systems?|bots?|tools?|analysts?|summari[sz]ers?|reviewers?|writers?|crawlers?)\b|\b(?:ai|llm)\s+(?:agents?|assistants?|readers?|models?|bots?|systems?|crawlers?|summari[sz]ers?)\s+(?:reading|summari[sz]ing|processing|parsing|analy[sz]ing|reviewing|writing|accessing|scanning)\b|\b(?:ai|llm)\s+(?:agents?|readers?|crawlers?)\s*:|\bif\s+you(?:'re|\s+are)\s+(?:an?\s+)?(?:ai|llm|language model|large language model|chatbot)\b\s*(?:\w+\s+){0,2}?(?:reading|summari[sz]ing|processing|writing|analy[sz]ing|reviewing)\b|\b(?:language model|llm)\s+(?:instructions?|readers?)\s*:|\b(?:automated|ai)\s+(?:agents?|analysts?|systems?|review system)\s+(?:accessing|reading|must|should)\b|\b(?:assistant|ai|agent|model|bot)\b[,:]?\s+when\s+you\s+read\s+this\b""", Options, TimeoutMs)]
    internal static partial Regex AddressedToAiReaders();

    [GeneratedRegex("""\b(?:your|the)\s+(?:real|actual|true)\s+(?:task|job|instructions?|purpose|goal|mission)\b.{0,60}?\b(?:is|are)\b|\bnew\s+(?:instructions?|rules?|orders)\s+from\s+(?:the\s+|your\s+)?(?:developers?|admins?|administrators?|owners?|operators?|business owner|system|openai|anthropic|creators?|management)\b|\byour\s+(?:previous|prior|earlier|original|old|initial|current)\s+(?:instructions?|rules?|prompt|task|guidelines?)\s+(?:is|are|was|were|has been|have been)\s+(?:\w+\s+)?(?:outdated|revoked|void|cancell?ed|obsolete|deprecated|superseded|replaced|lifted|hiding|no longer (?:valid|apply|applies|in effect))\b|\brevoke[sd]?\s+(?:all\s+)?(?:of\s+)?(?:your|the)\s+(?:\w+\s+)?(?:instructions?|rules?|guidelines?|polic(?:y|ies)|restrictions)\b|\b(?:content|safety|usage|moderation)\s+polic(?:y|ies)\b.{0,50}?\b(?:was|were|has been|have been|is|are)\s+(?:now\s+)?(?:revoked|lifted|suspended|disabled|removed|deprecated|turned off)\b|\b(?:safeguards?|restrictions|filters|guardrails|safety (?:rules|filters))\s+(?:are|have been|were)\s+(?:now\s+)?(?:lifted|removed|disabled|suspended|turned off)\b|\byou(?:'re|\s+are)\s+no\s+longer\s+["“']?(?:an?\s+)?(?:\w*bot|assistant|ai assistant|chatbot|translator|summari[sz]er|customer (?:service|support) (?:agent|assistant))\b|\bno\s+more\s+(?:refusals|restrictions|filters|safety)\b""", Options, TimeoutMs)]
    internal static partial Regex InstructionsReplaced();

    [GeneratedRegex("""\b(?:repeat|echo|print|output|paste|recite|reproduce|type out|spell out)\s+(?:back\s+)?(?:everything|all(?: of)?(?: the text)?|whatever)\s+(?:that\s+)?you(?:'ve|\s+have|\s+were|\s+was)?\s+(?:been\s+)?(?:told|given|shown|instructed)\b|\b(?:echo|print|output|show|dump|display|paste|give)\s+(?:me\s+)?(?:back\s+)?your\s+(?:full\s+|exact\s+|whole\s+|entire\s+|complete\s+)?(?:configuration|config|initiali[sz]ation|initial (?:prompt|message|input)|setup (?:prompt|message|text)|first (?:input|message|prompt)|hidden (?:prompt|text|instructions?)|pre-?prompt|system message)\b|\$\{?system_prompt\b|\b(?:\d+(?:st|nd|rd|th)?|first|last)\s+(?:through|to|-)\s+\d+(?:st|nd|rd|th)?\s+words\s+of\s+your\b|\b(?:reflect|mirror)\s+(?:back\s+)?your\s+(?:first|initial|original)\s+(?:input|message|prompt|instructions?)\b|\b(?:repeat|recite|list|state|tell me)\s+(?:back\s+)?(?:all\s+)?(?:of\s+)?your\s+(?:own\s+)?(?:instructions|rules|guidelines|directives)\b""", Options, TimeoutMs)]
    internal static partial Regex EchoYourSetup();
}
