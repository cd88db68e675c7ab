using System.CommandLine;
using System.Text.Json.Nodes;

namespace Bulwark.Cli.Commands.Access;

/// <summary><c>bulwark killswitch on|off (--model M | --upstream U | --global)</c>; <c>killswitch on|off MODEL</c> is short for --model.</summary>
public sealed class KillswitchCommand : ICliCommand
{
    public Command Build()
    {
        var cmd = new Command("killswitch", "Switch a model, an upstream or everything off (on) or back on (off)");
        cmd.Subcommands.Add(Switch("on", true));
        cmd.Subcommands.Add(Switch("off", false));
        return cmd;
    }

    private static Command Switch(string name, bool on)
    {
        var o = new AdminConnectionOptions();
        var positional = new Argument<string?>("model") { Description = "Model (same as --model)", Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<string?>("--model") { Description = "A configured model" };
        var upstream = new Option<string?>("--upstream") { Description = "A configured upstream (all its models)" };
        var global = new Option<bool>("--global") { Description = "Every model" };
        var cmd = o.AddTo(new Command(name, on ? "Turn a kill switch on (refuse with 403 kill_switch)" : "Turn a kill switch off") { positional, model, upstream, global });
        cmd.SetAction((parse, ct) => AccessCli.Safely(() =>
        {
            var m = parse.GetValue(model) ?? parse.GetValue(positional);
            var u = parse.GetValue(upstream);
            var g = parse.GetValue(global);
            if ((m is not null ? 1 : 0) + (u is not null ? 1 : 0) + (g ? 1 : 0) != 1)
                throw new CliUsageException("give exactly one of --model M, --upstream U or --global");
            var (scope, target) = g ? ("global", (string?)null) : m is not null ? ("model", m) : ("upstream", u);
            var body = new JsonObject { ["scope"] = scope, ["on"] = on };
            if (target is not null) body["name"] = target;
            var call = new AdminCall(HttpMethod.Post, "admin/killswitch", body, (a, actor, c) => a.SetKillSwitchAsync(actor, scope, target, on, c));
            return AccessCli.RunAsync(parse, o, call, (res, json) =>
            {
                if (json) AccessCli.PrintJson(res);
                else Console.WriteLine($"kill switch {scope}{(target is null ? "" : " " + target)}: {(on ? "on" : "off")}{(res["changed"]?.GetValue<bool>() == false ? " (unchanged)" : "")}");
            }, ct);
        }));
        return cmd;
    }
}
