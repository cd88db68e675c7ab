using Bulwark.Core.Detection.Pii;

namespace Bulwark.Core.Tests.Detection.Pii;

public sealed class PiiScannerTests
{
    private static (string Type, string Value)[] Found(string text) =>
        PiiScanner.Scan(text).Select(m => (m.Type, text.Substring(m.Start, m.Length))).ToArray();

    [Theory]
    [InlineData("Write to alice.smith+news@example.co.uk today", PiiTypes.Email, "alice.smith+news@example.co.uk")]
    [InlineData("Call +1 415 555 2671 after six", PiiTypes.Phone, "+1 415 555 2671")]
    [InlineData("Ruf an: +49 30 901820 bitte", PiiTypes.Phone, "+49 30 901820")]
    [InlineData("London office +44 (0)20 7946 0958.", PiiTypes.Phone, "+44 (0)20 7946 0958")]
    [InlineData("numéro 0033 1 42 68 53 00 merci", PiiTypes.Phone, "0033 1 42 68 53 00")]
    [InlineData("US line (415) 555-2671 ok", PiiTypes.Phone, "(415) 555-2671")]
    [InlineData("card 4111 1111 1111 1111 exp 12/29", PiiTypes.Card, "4111 1111 1111 1111")]
    [InlineData("amex 3782-822463-10005 thanks", PiiTypes.Card, "3782-822463-10005")]
    [InlineData("pay 5555555555554444 now", PiiTypes.Card, "5555555555554444")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00 please", PiiTypes.Iban, "DE89 3704 0044 0532 0130 00")]
    [InlineData("iban GB82WEST12345698765432.", PiiTypes.Iban, "GB82WEST12345698765432")]
    [InlineData("my SSN is 123-45-6789", PiiTypes.Ssn, "123-45-6789")]
    [InlineData("server at 192.168.10.25 is down", PiiTypes.IpAddress, "192.168.10.25")]
    [InlineData("v6 host 2001:db8::8a2e:370:7334 answers", PiiTypes.IpAddress, "2001:db8::8a2e:370:7334")]
    [InlineData("key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z here", PiiTypes.Secret, "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z")]
    [InlineData("aws AKIAIOSFODNN7EXAMPLE ok", PiiTypes.Secret, "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("token ghp_16C7e42F292c6912E7710c838347Ae178B4a ok", PiiTypes.Secret, "ghp_16C7e42F292c6912E7710c838347Ae178B4a")]
    [InlineData("secret=Zx9Qw2Er7Ty5Ui3Op1As8Df6Gh4Jk0Lz end", PiiTypes.Secret, "Zx9Qw2Er7Ty5Ui3Op1As8Df6Gh4Jk0Lz")]
    public void Scan_Value_FoundWithType(string text, string type, string value) => Assert.Contains((type, value), Found(text));

    [Theory]
    [InlineData("Upgrade from version 1.2.3 to 2.10.4 and 10.0.19041.1")]
    [InlineData("Released v1.2.3.4 on 2024-01-15 at 12:30:45")]
    [InlineData("The meeting is on 2024-01-15, then 15/01/2024 and 01.15.2024")]
    [InlineData("Order ORD-2024-000123 and order #88231-17 shipped")]
    [InlineData("Reference 1234 5678 9012 3456 fails the Luhn check")]
    [InlineData("Run 4111111111111112 is not a valid card")]
    [InlineData("request id 550e8400-e29b-41d4-a716-446655440000 in the log")]
    [InlineData("UUID 550E8400-E29B-41D4-A716-446655440000 upper case")]
    [InlineData("fixed in commit 3f786850e387550fdab836ed7e6dc881de23001b and 3f78685")]
    [InlineData("sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("Call me at extension 4567 or room 101")]
    [InlineData("The ratio was 3.14159 and the total 1,234,567.89")]
    [InlineData("ISBN 978-3-16-148410-0 and phone-like 12-34-56")]
    [InlineData("IBAN-looking GB00WEST12345698765432 with a wrong check")]
    [InlineData("The word Supercalifragilisticexpialidociousness is long")]
    public void Scan_HardNegative_FindsNothing(string text) => Assert.Empty(Found(text));

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398713", true)]
    public void PassesLuhn_KnownValues(string digits, bool expected) => Assert.Equal(expected, PiiScanner.PassesLuhn(digits));

    [Fact]
    public void Scan_SeveralValues_SortedAndNonOverlapping()
    {
        var found = PiiScanner.Scan("a@b.example and +1 415 555 2671 and 10.0.0.1");
        Assert.Equal(3, found.Count);
        Assert.True(found.Zip(found.Skip(1)).All(p => p.First.End <= p.Second.Start));
    }
}
