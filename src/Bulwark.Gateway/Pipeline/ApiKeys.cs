using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Pipeline;

/// <summary>Reads the caller's key from <c>Authorization: Bearer</c> or <c>x-api-key</c>. The value is secret: never log it.</summary>
public static class ApiKeys
{
    public static string? FromRequest(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var key = auth[7..].Trim();
            if (key.Length > 0) return key;
        }
        var xKey = request.Headers["x-api-key"].ToString().Trim();
        return xKey.Length > 0 ? xKey : null;
    }
}
