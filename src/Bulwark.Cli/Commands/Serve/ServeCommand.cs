using System.CommandLine;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Bulwark.Cli.Commands.Serve;

/// <summary>
/// <c>bulwark serve [--config FILE] [--urls URL]</c>: the gateway. With no configuration it uses SQLite under
/// ./bulwark-data/, the default policy and the simulated upstream, and on first start prints a new admin key.
/// </summary>
public sealed class ServeCommand : ICliCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public Command Build()
    {
        var config = new Option<string?>("--config") { Description = "JSON configuration file (default: ./bulwark.json if present)" };
        var urls = new Option<string?>("--urls") { Description = $"Address(es) to listen on, ';'-separated (default {DefaultUrl})" };
        var command = new Command("serve", "Run the gateway (embedded defaults: SQLite in ./bulwark-data, default policy, simulated upstream)") { config, urls };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var args = new List<string>();
            if (parse.GetValue(config) is { } file) args.AddRange(["--config", file]);
            args.AddRange(["--urls", parse.GetValue(urls) ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? DefaultUrl]);
            if (UnknownOption(parse.UnmatchedTokens) is { } unknown)
            {
                await Console.Error.WriteLineAsync("bulwark: " + unknown);
                return ExitCodes.BadUsage;
            }
            args.AddRange(parse.UnmatchedTokens);
            return await RunAsync(args.ToArray(), cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = GatewayHost.Build(args);
        }
        catch (GatewayConfigurationException ex)
        {
            await Console.Error.WriteLineAsync("bulwark: " + ex.Message);
            return ExitCodes.BadUsage;
        }

        await using (app)
        {
            var options = app.Services.GetRequiredService<BulwarkOptions>();
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                await Console.Error.WriteLineAsync("bulwark: could not listen: " + ex.Message);
                return ExitCodes.BadUsage;
            }
            catch (OptionsValidationException ex)
            {
                await Console.Error.WriteLineAsync("bulwark: invalid configuration: " + string.Join("; ", ex.Failures));
                return ExitCodes.BadUsage;
            }
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? DefaultUrl;
            var adminKey = await AccessServiceCollectionExtensions.EnsureBootstrapAdminKeyAsync(app.Services, cancellationToken);
            PrintBanner(address, options, adminKey);
            await app.WaitForShutdownAsync(cancellationToken);
        }
        return ExitCodes.Success;
    }

    /// <summary>
    /// Tokens serve does not know are an error, except configuration overrides written as keys
    /// (<c>--Bulwark:Policy=off</c> or <c>--Bulwark:Policy off</c>), which go to the configuration.
    /// </summary>
    internal static string? UnknownOption(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var key = token.TrimStart('-', '/');
            if (key.StartsWith(BulwarkOptions.Section + ":", StringComparison.OrdinalIgnoreCase) && token.StartsWith("--", StringComparison.Ordinal))
            {
                if (!token.Contains('=', StringComparison.Ordinal)) i++; // its value
                continue;
            }
            var hint = token.StartsWith("--port", StringComparison.OrdinalIgnoreCase) ? " (use --urls http://127.0.0.1:PORT)"
                : token.StartsWith("--policy", StringComparison.OrdinalIgnoreCase) ? " (use --Bulwark:Policy NAME, or \"Policy\" in bulwark.json)"
                : "";
            return $"unknown option '{token}' for serve{hint}; see 'bulwark serve --help'";
        }
        return null;
    }

    private static void PrintBanner(string address, BulwarkOptions options, string? adminKey)
    {
        var console = AnsiConsole.Console;
        var store = options.Store.StartsWith("sqlite://", StringComparison.Ordinal) ? options.Store : options.Store.Split('@')[^1];
        console.MarkupLine($"[bold green]Bulwark gateway[/] listening on [bold]{Markup.Escape(address)}[/]");
        console.MarkupLine($"  store:  {Markup.Escape(store)}");
        console.MarkupLine($"  bus:    {Markup.Escape(options.Bus.Length == 0 ? "none (single node)" : options.Bus.Split('@')[^1])}");
        console.MarkupLine($"  policy: {Markup.Escape(options.Policy)}");
        foreach (var (model, m) in options.Models)
        {
            var kind = options.Upstreams.TryGetValue(m.Upstream, out var u) ? u.Kind : "?";
            var label = kind == "simulated" ? "[yellow]SIMULATED upstream (not a real model)[/]" : Markup.Escape($"{kind} upstream '{m.Upstream}'");
            console.MarkupLine($"  model [bold]{Markup.Escape(model)}[/] → {label}");
        }
        if (adminKey is not null)
        {
            console.MarkupLine("[bold]Admin key (shown once, keep it safe):[/]");
            // Printed plainly on its own line so that scripts can capture it.
            Console.WriteLine(adminKey);
            var model = options.Models.Keys.First();
            console.MarkupLine("Try it:");
            Console.WriteLine($"curl -s {address}/v1/chat/completions -H 'Authorization: Bearer {adminKey}' -H 'Content-Type: application/json' -d '{{\"model\":\"{model}\",\"messages\":[{{\"role\":\"user\",\"content\":\"What is the capital of France?\"}}]}}'");
        }
        else
        {
            console.MarkupLine("Admin key: created on first start (see that output), or make one with [bold]bulwark keys create --principal NAME --admin[/].");
        }
    }
}
