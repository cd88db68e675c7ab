using System.Text;

namespace Bulwark.Gateway.Tests.Pipeline;

/// <summary>
/// The bodies from issue 11 that gave 500 before authentication, one per case, with the route they were sent to.
/// Kept as a regression corpus and used as seeds by <see cref="RouteFuzzTests"/>.
/// </summary>
public static class FrontDoorCorpus
{
    public const string Chat = "/v1/chat/completions";
    public const string Messages = "/v1/messages";
    public const string AdminKeys = "/admin/keys";
    public const string AdminPrincipals = "/admin/principals";
    public const string AdminDirectives = "/admin/directives";
    public const string AdminKillSwitch = "/admin/killswitch";

    /// <summary>Every route that takes a JSON body.</summary>
    public static readonly string[] JsonRoutes = [Chat, Messages, AdminKeys, AdminPrincipals, AdminDirectives, AdminKillSwitch];

    /// <summary>(name, route, body bytes).</summary>
    public static IEnumerable<object[]> Cases()
    {
        yield return Case("duplicate key, chat", Chat, """{"model":"bulwark-sim","model":"bulwark-sim","messages":[{"role":"user","content":"hi"}]}""");
        yield return Case("duplicate key, messages", Messages, """{"model":"bulwark-sim","max_tokens":5,"max_tokens":6,"messages":[{"role":"user","content":"hi"}]}""");
        yield return Case("duplicate nested key, chat", Chat, """{"model":"bulwark-sim","messages":[{"role":"user","role":"user","content":"hi"}]}""");
        yield return Case("duplicate key, admin keys", AdminKeys, """{"principal":"a","principal":"b"}""");
        yield return Case("duplicate key, admin directives", AdminDirectives, """{"model":"bulwark-sim","allowGroups":["x"],"reason":"r","reason":"s"}""");
        yield return Case("lone surrogate in a property name, chat", Chat, """{"\ud800":1,"model":"bulwark-sim","messages":[{"role":"user","content":"hi"}]}""");
        yield return Case("lone surrogate in a property name, messages", Messages, """{"model":"bulwark-sim","max_tokens":5,"messages":[{"role":"user","content":"hi","\udc00x":2}]}""");
        yield return Case("tool_calls element not an object", Chat,
            """{"model":"bulwark-sim","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":null,"tool_calls":[1]},{"role":"user","content":"go on"}]}""");
        yield return Case("tool_calls function not an object", Chat,
            """{"model":"bulwark-sim","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":"x"}]},{"role":"tool","tool_call_id":"c1","content":"r"}]}""");
        yield return Case("anthropic document source a string", Messages,
            """{"model":"bulwark-sim","max_tokens":5,"messages":[{"role":"user","content":[{"type":"document","source":"abc"}]}]}""");
        yield return Case("anthropic document source.data not a string", Messages,
            """{"model":"bulwark-sim","max_tokens":5,"messages":[{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":5}}]}]}""");
        yield return Case("lone surrogate in an admin string", AdminKeys, """{"principal":"\ud800"}""");
        yield return Case("lone surrogate in an admin name", AdminPrincipals, """{"id":"p","\udfff":1}""");
        yield return new object[] { "invalid UTF-8 in an admin body", AdminKeys, InvalidUtf8("""{"principal":"aXXb"}""") };
        yield return new object[] { "invalid UTF-8 in a kill switch body", AdminKillSwitch, InvalidUtf8("""{"scope":"XXglobal","on":true}""") };
        yield return Case("nested too deep, chat", Chat, "{\"model\":\"bulwark-sim\",\"x\":" + new string('[', 200) + new string(']', 200) + "}");
        yield return Case("nested too deep, admin", AdminKeys, "{\"principal\":\"a\",\"x\":" + new string('[', 200) + new string(']', 200) + "}");
    }

    private static object[] Case(string name, string route, string json) => [name, route, Encoding.UTF8.GetBytes(json)];

    /// <summary>Replaces "XX" with an invalid two-byte UTF-8 sequence.</summary>
    private static byte[] InvalidUtf8(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var at = json.IndexOf("XX", StringComparison.Ordinal);
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        return bytes;
    }
}
