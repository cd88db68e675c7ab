using System.CommandLine;
using System.Text.Json.Nodes;
using Bulwark.Core.Access;
using Bulwark.Gateway.Access.Admin;

namespace Bulwark.Cli.Commands.Access;

/// <summary><c>bulwark directive issue|list|lift</c>: operator orders restricting a model to some groups from a given time.</summary>
public sealed class DirectiveCommand : ICliCommand
{
    public Command Build()
    {
        var cmd = new Command("directive", "Issue, list and lift directives (\"from time T, model M only for groups G\")");
        cmd.Subcommands.Add(Issue());
        cmd.Subcommands.Add(List());
        cmd.Subcommands.Add(Lift());
        return cmd;
    }

    private static Command Issue()
    {
        var o = new AdminConnectionOptions();
        var model = new Option<string>("--model") { Description = "The configured model to restrict", Required = true };
        var groups = new Option<string[]>("--allow-group") { Description = "Group(s) still allowed (repeatable)", Required = true, AllowMultipleArgumentsPerToken = true };
        var effective = new Option<string?>("--effective") { Description = "When it takes effect: ISO-8601 UTC or relative (10m); default now. Each node applies it by its own clock" };
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the audit log)", Required = true };
        var cmd = o.AddTo(new Command("issue", "Issue a directive; prints its id") { model, groups, effective, reason });
        cmd.SetAction((parse, ct) => AccessCli.Safely(() =>
        {
            var m = parse.GetValue(model)!;
            var g = parse.GetValue(groups) ?? [];
            var r = parse.GetValue(reason)!;
            DateTimeOffset? eff = null;
            if (parse.GetValue(effective) is { } text)
            {
                if (!TimeSpec.TryParse(text, DateTimeOffset.UtcNow, out var e)) throw new CliUsageException("--effective must be ISO-8601 or relative like 10m");
                eff = e;
            }
            var body = new JsonObject { ["model"] = m, ["allowGroups"] = new JsonArray(g.Select(x => (JsonNode)x).ToArray()), ["reason"] = r };
            if (eff is { } ev) body["effective"] = TimeSpec.Format(ev);
            var call = new AdminCall(HttpMethod.Post, "admin/directives", body, (a, actor, c) => a.IssueDirectiveAsync(actor, new IssueDirectiveRequest(m, g, eff, r), c));
            return AccessCli.RunAsync(parse, o, call, (res, json) =>
            {
                if (json) AccessCli.PrintJson(res);
                else Console.WriteLine(AccessCli.Str(res["id"]));
            }, ct);
        }));
        return cmd;
    }

    private static Command List()
    {
        var o = new AdminConnectionOptions();
        var cmd = o.AddTo(new Command("list", "List directives (active, pending and lifted)"));
        cmd.SetAction((parse, ct) => AccessCli.Safely(() =>
        {
            var call = new AdminCall(HttpMethod.Get, "admin/directives", null, (a, _, c) => a.ListDirectivesAsync(c));
            return AccessCli.RunAsync(parse, o, call, (body, json) =>
            {
                if (json)
                {
                    AccessCli.PrintJson(body);
                    return;
                }
                Console.WriteLine($"{"ID",-22} {"MODEL",-20} {"ALLOW GROUPS",-24} {"STATUS",-8} {"EFFECTIVE",-25} REASON");
                foreach (var d in body["directives"]?.AsArray() ?? [])
                    Console.WriteLine($"{AccessCli.Str(d!["id"]),-22} {AccessCli.Str(d["model"]),-20} {AccessCli.Str(d["allowGroups"]),-24} {AccessCli.Str(d["status"]),-8} {AccessCli.Str(d["effective"]),-25} {AccessCli.Str(d["reason"])}");
            }, ct);
        }));
        return cmd;
    }

    private static Command Lift()
    {
        var o = new AdminConnectionOptions();
        var id = new Argument<string?>("id") { Description = "Directive id", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Lift every active directive" };
        var cmd = o.AddTo(new Command("lift", "Lift a directive (ID) or all of them (--all)") { id, all });
        cmd.SetAction((parse, ct) => AccessCli.Safely(async () =>
        {
            var directiveId = parse.GetValue(id);
            var everything = parse.GetValue(all);
            if ((directiveId is null) == !everything) throw new CliUsageException("give a directive ID or --all (not both)");
            if (everything)
            {
                if (parse.GetValue(o.Gateway) is not null)
                {
                    // The admin API lifts one at a time: list, then lift each active one.
                    var ids = new List<string>();
                    var listCall = new AdminCall(HttpMethod.Get, "admin/directives", null, (a, _, c) => a.ListDirectivesAsync(c));
                    var rc = await AccessCli.RunAsync(parse, o, listCall, (body, _) =>
                    {
                        foreach (var d in body["directives"]?.AsArray() ?? [])
                        {
                            if (AccessCli.Str(d!["status"]) != "lifted") ids.Add(AccessCli.Str(d["id"]));
                        }
                    }, ct);
                    if (rc != 0) return rc;
                    foreach (var one in ids)
                    {
                        rc = await AccessCli.RunAsync(parse, o, LiftCall(one), PrintLifted(one), ct);
                        if (rc != 0) return rc;
                    }
                    if (ids.Count == 0 && !parse.GetValue(o.Json)) Console.WriteLine("no active directive");
                    return 0;
                }
                var allCall = new AdminCall(HttpMethod.Post, "", null, (a, actor, c) => a.LiftAllDirectivesAsync(actor, c));
                return await AccessCli.RunAsync(parse, o, allCall, (body, json) =>
                {
                    if (json) AccessCli.PrintJson(body);
                    else Console.WriteLine(body["lifted"]?.AsArray().Count is > 0 ? "lifted " + AccessCli.Str(body["lifted"]) : "no active directive");
                }, ct);
            }
            return await AccessCli.RunAsync(parse, o, LiftCall(directiveId!), PrintLifted(directiveId!), ct);
        }));
        return cmd;
    }

    private static AdminCall LiftCall(string id) =>
        new(HttpMethod.Delete, $"admin/directives/{Uri.EscapeDataString(id)}", null, (a, actor, c) => a.LiftDirectiveAsync(actor, id, c));

    private static Action<JsonObject, bool> PrintLifted(string id) => (body, json) =>
    {
        if (json) AccessCli.PrintJson(body);
        else Console.WriteLine(body["changed"]?.GetValue<bool>() == false ? $"directive {id} was already lifted" : $"lifted directive {id}");
    };
}
