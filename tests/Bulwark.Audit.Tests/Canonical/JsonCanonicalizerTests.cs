using System.Text;
using System.Text.Json.Nodes;
using Bulwark.Audit.Canonical;

namespace Bulwark.Audit.Tests.Canonical;

public class JsonCanonicalizerTests
{
    private static string Canon(string json) => Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Canonicalize_Rfc8785Section323Example_MatchesTheRfcOutput()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        Assert.Equal("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}", Canon(input));
    }

    [Fact]
    public void Canonicalize_Rfc8785SortingExample_SortsByUtf16CodeUnits()
    {
        const string input = """{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}""";
        var keys = JsonNode.Parse(Canon(input))!.AsObject().Select(kv => kv.Key).ToArray();
        Assert.Equal(["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"], keys);
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(123.456, "123.456")]
    [InlineData(-5e-324, "-5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    [InlineData(0.1, "0.1")]
    public void WriteNumber_EcmaScriptForm_MatchesRfc8785AppendixB(double value, string expected)
    {
        var sb = new StringBuilder();
        JsonCanonicalizer.WriteNumber(sb, value);
        Assert.Equal(expected, sb.ToString());
    }

    [Fact]
    public void Canonicalize_NodesBuiltFromClrValues_EqualsParsedForm()
    {
        var built = new JsonObject { ["b"] = 1.5, ["a"] = 3, ["c"] = "x\u0001", ["d"] = true, ["e"] = 10m, ["f"] = new JsonArray(2L, null) };
        var parsed = JsonNode.Parse("""{"a":3,"b":1.5,"c":"x\u0001","d":true,"e":10,"f":[2,null]}""");
        Assert.Equal(JsonCanonicalizer.Canonicalize(parsed), JsonCanonicalizer.Canonicalize(built));
        Assert.Equal("{\"a\":3,\"b\":1.5,\"c\":\"x\\u0001\",\"d\":true,\"e\":10,\"f\":[2,null]}", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(built)));
    }
}
