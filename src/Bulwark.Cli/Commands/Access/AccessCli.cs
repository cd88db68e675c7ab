using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Access.Admin;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Stores;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bulwark.Cli.Commands.Access;

/// <summary>
/// Runs an <see cref="AdminCall"/> either through a gateway (<c>--gateway URL --admin-key KEY</c>) or directly on the store
/// (configuration as serve reads it: --config or ./bulwark.json, then Bulwark__ environment variables, then --store). A
/// direct change is audited through the same audit log (the store's audit tables) and, with a bus configured, its
/// version is published so running gateways apply it at once (otherwise they find it within MaxStaleness/3).
/// Exit codes: 0 done, 1 refused or failed (401/403/5xx), 2 bad usage or input (4xx).
/// </summary>
internal static class AccessCli
{
    public static async Task<int> RunAsync(ParseResult parse, AdminConnectionOptions o, AdminCall call, Action<JsonObject, bool> print, CancellationToken cancellationToken)
    {
        var json = parse.GetValue(o.Json);
        var gateway = parse.GetValue(o.Gateway);
        AdminResult result;
        if (gateway is not null)
        {
            var key = parse.GetValue(o.AdminKey) ?? Environment.GetEnvironmentVariable("BULWARK_ADMIN_KEY");
            if (string.IsNullOrEmpty(key)) throw new CliUsageException("--gateway needs --admin-key KEY (or BULWARK_ADMIN_KEY)");
            if (!Uri.TryCreate(gateway, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != "http" && baseUri.Scheme != "https"))
                throw new CliUsageException("--gateway must be an http(s) URL");
            result = await CallGatewayAsync(baseUri, key, call, cancellationToken);
        }
        else
        {
            result = await CallStoreAsync(parse.GetValue(o.Store), parse.GetValue(o.Config), call, cancellationToken);
        }
        if (!result.Ok)
        {
            await Console.Error.WriteLineAsync("bulwark: " + TerminalText.Escape(result.Error ?? $"failed with status {result.Status}"));
            return result.Status is >= 400 and < 500 and not 401 and not 403 and not 429 ? ExitCodes.BadUsage : ExitCodes.CheckFailed;
        }
        print(result.Body ?? new JsonObject(), json);
        return ExitCodes.Success;
    }

    /// <summary>
    /// Runs a command body, turning <see cref="CliUsageException"/> into the one-line reason and exit code 2 (System.CommandLine's
    /// own handler would otherwise print a stack trace and exit 1).
    /// </summary>
    public static async Task<int> Safely(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliUsageException ex)
        {
            await Console.Error.WriteLineAsync("bulwark: " + TerminalText.Escape(ex.Message));
            return ExitCodes.BadUsage;
        }
    }

    public static void PrintJson(JsonObject body) => Console.WriteLine(body.ToJsonString());

    /// <summary>A JSON value as terminal-safe text (<see cref="TerminalText"/>): stored text may hold control characters.</summary>
    public static string Str(JsonNode? node) => TerminalText.Escape(node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray a => string.Join(",", a.Select(Str)),
        _ => node.ToJsonString(),
    });

    public static BulwarkOptions LoadOptions(string? store, string? configFile)
    {
        var builder = new ConfigurationBuilder();
        try
        {
            builder.AddBulwarkJson(configFile);
        }
        catch (GatewayConfigurationException ex)
        {
            throw new CliUsageException(ex.Message);
        }
        builder.AddEnvironmentVariables();
        if (store is not null) builder.AddInMemoryCollection(new Dictionary<string, string?> { ["Bulwark:Store"] = store });
        try
        {
            return BulwarkOptionsLoader.Load(builder.Build());
        }
        catch (GatewayConfigurationException ex)
        {
            throw new CliUsageException(ex.Message);
        }
    }

    private static async Task<AdminResult> CallGatewayAsync(Uri baseUri, string key, AdminCall call, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(call.Method, call.Path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (call.Body is not null) request.Content = new StringContent(call.Body.ToJsonString(), Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return AdminResult.Fail(503, $"cannot reach the gateway at {baseUri.GetLeftPart(UriPartial.Authority)}: {ex.Message}");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonObject? body = null;
            try { body = JsonNode.Parse(text) as JsonObject; } catch (JsonException) { }
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300) return AdminResult.Success(body ?? new JsonObject(), status);
            var message = body?["error"]?["message"]?.ToString() ?? $"the gateway answered {status}";
            return AdminResult.Fail(status, message);
        }
    }

    private static async Task<AdminResult> CallStoreAsync(string? storeUri, string? configFile, AdminCall call, CancellationToken cancellationToken)
    {
        var options = LoadOptions(storeUri, configFile);
        if (options.Store.StartsWith("sqlite://", StringComparison.Ordinal) && call.Method != HttpMethod.Post && call.Method != HttpMethod.Delete
            && !File.Exists(options.Store["sqlite://".Length..]))
            throw new CliUsageException($"store file '{options.Store["sqlite://".Length..]}' does not exist (start `bulwark serve` here first, or pass --store)");
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddBulwarkAccess(options);
        services.AddBulwarkAudit(options);
        await using var provider = services.BuildServiceProvider();
        try
        {
            await provider.GetRequiredService<Gateway.Access.Stores.IAccessStore>().MigrateAsync(cancellationToken);
            var isWrite = call.Method != HttpMethod.Get;
            BatchingAuditAppender? appender = null;
            if (isWrite)
            {
                await provider.GetRequiredService<IAuditStore>().InitializeAsync(cancellationToken);
                appender = provider.GetRequiredService<BatchingAuditAppender>();
            }
            var admin = provider.GetRequiredService<AccessAdministration>();
            var actor = new AdminActor("cli:" + Environment.UserName, "cli-" + Guid.NewGuid().ToString("N"));
            var result = await call.Local(admin, actor, cancellationToken);
            if (appender is not null) await appender.StopAsync(cancellationToken);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not CliUsageException)
        {
            return AdminResult.Fail(503, $"cannot use the {options.Store.Split("://")[0]} store: {ex.GetType().Name}: {FirstLine(ex.Message)}");
        }
    }

    private static string FirstLine(string s)
    {
        var i = s.IndexOf('\n', StringComparison.Ordinal);
        return i < 0 ? s : s[..i];
    }
}
