using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Pipeline;

/// <summary>Request ids: random, URL-safe, set on every response as <c>bulwark-request-id</c>.</summary>
public static class RequestIds
{
    public const string Header = "bulwark-request-id";
    public const string AuditHeader = "bulwark-audit-index";
    private const string ItemKey = "bulwark.request_id";

    public static string New() => "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public static string Get(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var v) && v is string s) return s;
        var id = New();
        context.Items[ItemKey] = id;
        return id;
    }
}
