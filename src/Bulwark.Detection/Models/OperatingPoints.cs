using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bulwark.Detection.Models;

/// <summary>
/// Per-category operating points chosen by <c>bulwark train</c> (models/operating_points.json): separate flag and block
/// thresholds for every category the classifier reports, with the out-of-fold curve behind them, so that a policy can
/// take FlagAt/BlockAt per category and an operator can pick another point knowing its cost.
/// </summary>
public sealed record OperatingPoints(IReadOnlyList<CategoryOperatingPoints> Categories)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static readonly OperatingPoints Empty = new([]);

    /// <summary>The operating points of a category, or null when training did not calibrate it.</summary>
    public CategoryOperatingPoints? For(string category) => Categories.FirstOrDefault(c => c.Category == category);

    public void Save(Stream stream) => JsonSerializer.Serialize(stream, this, Json);

    public static OperatingPoints Load(Stream stream) =>
        JsonSerializer.Deserialize<OperatingPoints>(stream, Json) ?? throw new InvalidDataException("empty operating points file");
}
