using System.CommandLine;
using System.Text.Json.Nodes;
using Bulwark.Core.Access;
using Bulwark.Gateway.Access.Admin;

namespace Bulwark.Cli.Commands.Access;

/// <summary><c>bulwark keys create|revoke|rotate|list</c>. The key itself is printed only by create and rotate, once.</summary>
public sealed class KeysCommand : ICliCommand
{
    public Command Build()
    {
        var keys = new Command("keys", "Create, revoke, rotate and list API keys");
        keys.Subcommands.Add(Create());
        keys.Subcommands.Add(Revoke());
        keys.Subcommands.Add(Rotate());
        keys.Subcommands.Add(List());
        return keys;
    }

    private static Command Create()
    {
        var o = new AdminConnectionOptions();
        var principal = new Option<string>("--principal") { Description = "Principal (caller) name; created if new", Required = true };
        var groups = new Option<string[]>("--group") { Description = "Group(s) to add to the principal (repeatable)", AllowMultipleArgumentsPerToken = true };
        var models = new Option<string[]>("--models") { Description = "Restrict the key to these models", AllowMultipleArgumentsPerToken = true };
        var admin = new Option<bool>("--admin") { Description = "An admin key (may use /admin and these commands)" };
        var auditor = new Option<bool>("--auditor") { Description = "An auditor key (read-only /audit)" };
        var expires = new Option<string?>("--expires") { Description = "Expiry: ISO-8601 UTC time or relative (30d, 12h)" };
        var cmd = o.AddTo(new Command("create", "Create a key; prints it once") { principal, groups, models, admin, auditor, expires });
        cmd.SetAction((parse, ct) => AccessCli.Safely(() =>
        {
            var p = parse.GetValue(principal)!;
            var g = parse.GetValue(groups) ?? [];
            var m = parse.GetValue(models) ?? [];
            var isAdmin = parse.GetValue(admin);
            var isAuditor = parse.GetValue(auditor);
            var expiresText = parse.GetValue(expires);
            DateTimeOffset? exp = null;
            if (expiresText is not null)
            {
                if (!TimeSpec.TryParse(expiresText, DateTimeOffset.UtcNow, out var e)) throw new CliUsageException("--expires must be ISO-8601 or relative like 30d, 12h");
                exp = e;
            }
            var body = new JsonObject
            {
                ["principal"] = p, ["groups"] = new JsonArray(g.Select(x => (JsonNode)x).ToArray()), ["models"] = new JsonArray(m.Select(x => (JsonNode)x).ToArray()),
                ["admin"] = isAdmin, ["auditor"] = isAuditor,
            };
            if (exp is { } ev) body["expires"] = TimeSpec.Format(ev);
            var call = new AdminCall(HttpMethod.Post, "admin/keys", body,
                (a, actor, c) => a.CreateKeyAsync(actor, new CreateKeyRequest(p, g, m, isAdmin, isAuditor, exp), c));
            return AccessCli.RunAsync(parse, o, call, PrintNewKey, ct);
        }));
        return cmd;
    }

    private static Command Revoke()
    {
        var o = new AdminConnectionOptions();
        var id = new Argument<string>("id") { Description = "Key id (the 8 characters after bwk_)" };
        var cmd = o.AddTo(new Command("revoke", "Revoke a key (idempotent)") { id });
        cmd.SetAction((parse, ct) => AccessCli.Safely(() =>
        {
            var keyId = parse.GetValue(id)!;
            var call = new AdminCall(HttpMethod.Post, $"admin/keys/{Uri.EscapeDataString(keyId)}/revoke", null, (a, actor, c) => a.RevokeKeyAsync(actor, keyId, c));
            return AccessCli.RunAsync(parse, o, call, (body, json) =>
            {
                if (json) AccessCli.PrintJson(body);
                else Console.WriteLine(body["changed"]?.GetValue<bool>() == false ? $"key {keyId} was already revoked" : $"revoked key {keyId}");
            }, ct);
        }));
        return cmd;
    }

    private static Command Rotate()
    {
        var o = new AdminConnectionOptions();
        var id = new Argument<string>("id") { Description = "Key id to rotate" };
        var cmd = o.AddTo(new Command("rotate", "Issue a successor key; the old key keeps working for the grace period (Bulwark:Access:RotationGrace)") { id });
        cmd.SetAction((parse, ct) => AccessCli.Safely(() =>
        {
            var keyId = parse.GetValue(id)!;
            var call = new AdminCall(HttpMethod.Post, $"admin/keys/{Uri.EscapeDataString(keyId)}/rotate", null, (a, actor, c) => a.RotateKeyAsync(actor, keyId, c));
            return AccessCli.RunAsync(parse, o, call, (body, json) =>
            {
                PrintNewKey(body, json);
                if (!json) Console.WriteLine($"previous key {keyId} stays valid until {AccessCli.Str(body["previous_valid_until"])}");
            }, ct);
        }));
        return cmd;
    }

    private static Command List()
    {
        var o = new AdminConnectionOptions();
        var cmd = o.AddTo(new Command("list", "List keys (never the secrets)"));
        cmd.SetAction((parse, ct) => AccessCli.Safely(() =>
        {
            var call = new AdminCall(HttpMethod.Get, "admin/keys", null, (a, _, c) => a.ListKeysAsync(c));
            return AccessCli.RunAsync(parse, o, call, (body, json) =>
            {
                if (json)
                {
                    AccessCli.PrintJson(body);
                    return;
                }
                Console.WriteLine($"{"ID",-10} {"PRINCIPAL",-20} {"STATUS",-8} {"FLAGS",-14} {"EXPIRES",-25} LAST USED");
                foreach (var k in body["keys"]?.AsArray() ?? [])
                {
                    var flags = string.Join(",", new[] { k!["admin"]?.GetValue<bool>() == true ? "admin" : null, k["auditor"]?.GetValue<bool>() == true ? "auditor" : null }.OfType<string>());
                    Console.WriteLine($"{AccessCli.Str(k["id"]),-10} {AccessCli.Str(k["principal"]),-20} {AccessCli.Str(k["status"]),-8} {flags,-14} {AccessCli.Str(k["expires"]),-25} {AccessCli.Str(k["last_used"])}");
                }
            }, ct);
        }));
        return cmd;
    }

    private static void PrintNewKey(JsonObject body, bool json)
    {
        if (json)
        {
            var o = new JsonObject { ["id"] = body["id"]?.DeepClone(), ["key"] = body["key"]?.DeepClone(), ["principal"] = body["principal"]?.DeepClone() };
            foreach (var extra in new[] { "expires", "previous", "previous_valid_until" })
            {
                if (body[extra] is { } v) o[extra] = v.DeepClone();
            }
            AccessCli.PrintJson(o);
            return;
        }
        Console.WriteLine($"id:        {AccessCli.Str(body["id"])}");
        Console.WriteLine($"principal: {AccessCli.Str(body["principal"])}");
        Console.WriteLine($"key:       {AccessCli.Str(body["key"])}");
        Console.WriteLine("This is the only time the key is shown: store it now.");
    }
}
