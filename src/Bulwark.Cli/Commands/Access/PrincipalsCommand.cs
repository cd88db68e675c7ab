using System.CommandLine;
using System.Text.Json.Nodes;

namespace Bulwark.Cli.Commands.Access;

/// <summary><c>bulwark principals list|suspend|unsuspend</c>.</summary>
public sealed class PrincipalsCommand : ICliCommand
{
    public Command Build()
    {
        var cmd = new Command("principals", "List principals; suspend or lift a suspension");
        cmd.Subcommands.Add(List());
        cmd.Subcommands.Add(SetSuspended("suspend", true));
        cmd.Subcommands.Add(SetSuspended("unsuspend", false));
        return cmd;
    }

    private static Command List()
    {
        var o = new AdminConnectionOptions();
        var cmd = o.AddTo(new Command("list", "List principals, their groups and offender state"));
        cmd.SetAction((parse, ct) => AccessCli.Safely(() =>
        {
            var call = new AdminCall(HttpMethod.Get, "admin/principals", null, (a, _, c) => a.ListPrincipalsAsync(c));
            return AccessCli.RunAsync(parse, o, call, (body, json) =>
            {
                if (json)
                {
                    AccessCli.PrintJson(body);
                    return;
                }
                Console.WriteLine($"{"ID",-24} {"GROUPS",-30} {"SUSPENDED",-9} {"OFFENDER",-10} KEYS");
                foreach (var p in body["principals"]?.AsArray() ?? [])
                    Console.WriteLine($"{AccessCli.Str(p!["id"]),-24} {AccessCli.Str(p["groups"]),-30} {AccessCli.Str(p["suspended"]),-9} {AccessCli.Str(p["offender_level"]),-10} {AccessCli.Str(p["keys"])}");
            }, ct);
        }));
        return cmd;
    }

    private static Command SetSuspended(string name, bool suspend)
    {
        var o = new AdminConnectionOptions();
        var id = new Argument<string>("id") { Description = "Principal id" };
        var cmd = o.AddTo(new Command(name, suspend ? "Suspend a principal (all its keys get 403 suspended)" : "Lift a suspension and reset the offender count") { id });
        cmd.SetAction((parse, ct) => AccessCli.Safely(() =>
        {
            var principal = parse.GetValue(id)!;
            var call = new AdminCall(HttpMethod.Post, $"admin/principals/{Uri.EscapeDataString(principal)}/{name}", null,
                (a, actor, c) => a.SetSuspendedAsync(actor, principal, suspend, c));
            return AccessCli.RunAsync(parse, o, call, (body, json) =>
            {
                if (json) AccessCli.PrintJson(body);
                else Console.WriteLine($"{principal}: {(suspend ? "suspended" : "not suspended")}{(body["changed"]?.GetValue<bool>() == false ? " (unchanged)" : "")}");
            }, ct);
        }));
        return cmd;
    }
}
