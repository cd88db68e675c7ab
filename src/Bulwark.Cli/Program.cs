using System.CommandLine;
using Bulwark.Cli;

var root = new RootCommand("Bulwark: enforceable, provable guardrails in front of any LLM API.");
foreach (var type in typeof(ICliCommand).Assembly.GetTypes()
             .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ICliCommand).IsAssignableFrom(t))
             .OrderBy(t => t.Name, StringComparer.Ordinal))
{
    var command = ((ICliCommand)Activator.CreateInstance(type)!).Build();
    root.Subcommands.Add(command);
}

var parse = root.Parse(args);
if (parse.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
{
    Console.Error.WriteLine($"bulwark: {parse.Errors[0].Message} (see 'bulwark --help')");
    return ExitCodes.BadUsage;
}

try
{
    // Exceptions reach the handlers below: one line on stderr and the contract's exit code, never a stack trace.
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (CliUsageException ex)
{
    Console.Error.WriteLine($"bulwark: {ex.Message}");
    return ExitCodes.BadUsage;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("bulwark: cancelled");
    return ExitCodes.CheckFailed;
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException or FormatException or ArgumentException)
{
    Console.Error.WriteLine($"bulwark: {ex.Message}");
    return ExitCodes.BadUsage;
}
