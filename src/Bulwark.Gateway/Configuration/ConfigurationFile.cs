using System.Text.Json;
using Bulwark.Gateway.Hosting;
using Microsoft.Extensions.Configuration;

namespace Bulwark.Gateway.Configuration;

/// <summary>
/// Adds <c>bulwark.json</c> (or <c>--config FILE</c>) to a configuration after checking that it is JSON, so that a broken
/// file is one line naming the file, line and byte instead of the JSON provider's stack trace.
/// </summary>
public static class ConfigurationFile
{
    public const string DefaultName = "bulwark.json";

    private static readonly JsonDocumentOptions ProviderRules = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Adds <paramref name="configFile"/> (required) or ./bulwark.json (optional). Throws <see cref="GatewayConfigurationException"/>.</summary>
    public static IConfigurationBuilder AddBulwarkJson(this IConfigurationBuilder builder, string? configFile)
    {
        var path = Path.GetFullPath(configFile ?? Path.Combine(Directory.GetCurrentDirectory(), DefaultName));
        if (!File.Exists(path))
        {
            if (configFile is not null) throw new GatewayConfigurationException($"config file '{configFile}' not found");
            return builder;
        }
        var name = configFile ?? DefaultName;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), ProviderRules);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new GatewayConfigurationException($"{name} must hold a JSON object like {{ \"Bulwark\": {{ … }} }}");
        }
        catch (JsonException ex)
        {
            throw new GatewayConfigurationException($"{name} is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}); expected a JSON object like {{ \"Bulwark\": {{ … }} }}");
        }
        catch (IOException ex)
        {
            throw new GatewayConfigurationException($"cannot read {name}: {ex.Message}");
        }
        return builder.AddJsonFile(path, optional: false, reloadOnChange: false);
    }
}
