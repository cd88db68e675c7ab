using System.CommandLine;

namespace Bulwark.Cli.Commands.Access;

/// <summary>The options every access command takes: where to act (a gateway's admin API, or a store directly) and how to print.</summary>
internal sealed class AdminConnectionOptions
{
    public Option<string?> Gateway { get; } = new("--gateway") { Description = "Base URL of a running gateway; the change goes through its admin API and takes effect at once" };

    public Option<string?> AdminKey { get; } = new("--admin-key") { Description = "Admin key for --gateway (or env BULWARK_ADMIN_KEY)" };

    public Option<string?> Store { get; } = new("--store") { Description = "Store URI (sqlite://path or postgres://…); default: the store serve uses here (bulwark.json or ./bulwark-data)" };

    public Option<string?> Config { get; } = new("--config") { Description = "JSON configuration file (default: ./bulwark.json if present)" };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the result as JSON" };

    public T AddTo<T>(T command) where T : Command
    {
        command.Options.Add(Gateway);
        command.Options.Add(AdminKey);
        command.Options.Add(Store);
        command.Options.Add(Config);
        command.Options.Add(Json);
        return command;
    }
}
