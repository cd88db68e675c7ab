using System.Text.RegularExpressions;

namespace Bulwark.Core.Detection.Pii;

/// <summary>
/// Candidate patterns, deliberately loose where a check follows (cards: Luhn and issuer prefix; IBAN: mod-97; IP:
/// address parsing; tokens: entropy) and strict where none can (SSN, phone). Source-generated, with a match timeout.
/// </summary>
internal static partial class PiiPatterns
{
    private const int TimeoutMs = 250;

    [GeneratedRegex(@"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,24}(?![\w-])", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Email();

    /// <summary>International numbers (+ or 00 prefix) and North American ones ((415) 555-2671, 415-555-2671).</summary>
    [GeneratedRegex(@"(?<![\w+\-/.#])(?:(?:\+|00)[1-9]\d{0,2}[ .\-]?(?:\(\d{1,4}\)[ .\-]?)?\d{1,4}(?:[ .\-]?\d{2,4}){1,5}|\(\d{3}\)[ .\-]?\d{3}[ .\-]\d{4}|\d{3}[.\-]\d{3}[.\-]\d{4})(?![\w])", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Phone();

    /// <summary>13 to 19 digits, optionally grouped by single spaces or dashes.</summary>
    [GeneratedRegex(@"(?<![\w.\-])\d(?:[ \-]?\d){12,18}(?![\w.\-]?\d)", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Card();

    [GeneratedRegex(@"(?<![\w])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![\w])", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Iban();

    [GeneratedRegex(@"(?<![\w\-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w\-])", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Ssn();

    [GeneratedRegex(@"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex IPv4();

    [GeneratedRegex(@"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex IPv6();

    /// <summary>Secrets with a known prefix: OpenAI, Anthropic, AWS, GitHub, GitLab, Slack, Google, Stripe, JWTs, PEM private keys, Bulwark keys.</summary>
    [GeneratedRegex(@"(?<![\w-])(?:sk-(?:ant-|proj-)?[A-Za-z0-9_\-]{20,}|(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}|glpat-[A-Za-z0-9_\-]{20,}|xox[abprs]-[A-Za-z0-9\-]{10,}|AIza[0-9A-Za-z_\-]{35}|(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}|eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}|bwk_[A-Za-z0-9]{8}_[A-Za-z0-9_\-]{43}|-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]{0,8192}?-----END [A-Z ]*PRIVATE KEY-----)", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex KnownSecret();

    /// <summary>Candidate opaque tokens for the entropy test: 32 to 128 token characters.</summary>
    [GeneratedRegex(@"(?<![\w+/\-])[A-Za-z0-9+/_\-]{32,128}={0,2}(?![\w+/=\-])", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Token();
}
