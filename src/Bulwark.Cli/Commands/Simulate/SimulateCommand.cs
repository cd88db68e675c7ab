using System.CommandLine;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Upstreams.Simulated;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bulwark.Cli.Commands.Simulate;

/// <summary>
/// <c>bulwark simulate [--urls URL] [--token-delay MS]</c>: serves the simulated model (not a real LLM) over the
/// OpenAI and Anthropic wire protocols, so that a gateway can be pointed at it as an "openai" or "anthropic" upstream.
/// </summary>
public sealed class SimulateCommand : ICliCommand
{
    public Command Build()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on", DefaultValueFactory = _ => "http://127.0.0.1:8090" };
        var delay = new Option<int>("--token-delay") { Description = "Milliseconds between streamed tokens", DefaultValueFactory = _ => 15 };
        var command = new Command("simulate", "Serve the SIMULATED model (not a real LLM) on the OpenAI and Anthropic wire protocols") { urls, delay };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var ms = parse.GetValue(delay);
            if (ms is < 0 or > 60_000) throw new CliUsageException("--token-delay must be between 0 and 60000");
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.WebHost.UseUrls(parse.GetValue(urls)!);
            var app = builder.Build();
            app.MapSimulatedUpstream(new UpstreamOptions { Kind = "simulated", TokenDelay = TimeSpan.FromMilliseconds(ms) }, TimeProvider.System);
            await app.StartAsync(cancellationToken);
            Console.WriteLine($"SIMULATED upstream (not a real model) on {string.Join(", ", app.Urls)}: POST /v1/chat/completions, POST /v1/messages");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
