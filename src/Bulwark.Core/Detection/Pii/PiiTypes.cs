namespace Bulwark.Core.Detection.Pii;

/// <summary>The kinds of personal data and secrets the PII guard finds; each names its placeholder ([EMAIL_1]).</summary>
public static class PiiTypes
{
    public const string Email = "EMAIL";
    public const string Phone = "PHONE";
    public const string Card = "CARD";
    public const string Iban = "IBAN";
    public const string Ssn = "SSN";
    public const string IpAddress = "IP";
    public const string Secret = "SECRET";

    /// <summary>In order of precedence when two matches overlap (the earlier type wins).</summary>
    public static readonly IReadOnlyList<string> All = [Secret, Card, Iban, Ssn, Email, Phone, IpAddress];

    public static string RuleId(string type) => "BW-PII-" + type;
}
