using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Bulwark.Gateway.Configuration;

/// <summary>
/// Checks the "Bulwark" configuration section before anything is bound: every key must be a known setting (an unknown
/// one is reported with the nearest known key) and every value must convert to its setting's type (reported with the
/// expected form). The known keys come from the option records themselves (public init properties, nested records,
/// lists and name-keyed dictionaries), so a new setting needs no second list here.
/// </summary>
public static class ConfigurationChecker
{
    /// <summary>Returns one message per problem, each naming the key and the expected form; empty when all is well.</summary>
    public static IReadOnlyList<string> Check(IConfiguration configuration, IReadOnlyDictionary<string, Type> sections)
    {
        var errors = new List<string>();
        var root = configuration.GetSection(BulwarkOptions.Section);
        foreach (var child in root.GetChildren())
        {
            var type = sections.GetValueOrDefault(child.Key) ?? PropertyType(typeof(BulwarkOptions), child.Key);
            if (type is null)
            {
                var known = sections.Keys.Concat(Properties(typeof(BulwarkOptions)).Select(p => p.Name));
                errors.Add(Unknown(child.Path, child.Key, known));
                continue;
            }
            CheckNode(child, type, errors);
        }
        return errors;
    }

    private static void CheckNode(IConfigurationSection section, Type type, List<string> errors)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsLeaf(type))
        {
            if (section.GetChildren().Any())
            {
                errors.Add($"{section.Path} must be {Expected(type)}, not a section");
                return;
            }
            if (section.Value is { } value && !Converts(value, type)) errors.Add($"{section.Path}: '{Clip(value)}' is not {Expected(type)}");
            return;
        }
        if (DictionaryValueType(type) is { } valueType)
        {
            foreach (var entry in section.GetChildren()) CheckNode(entry, valueType, errors);
            return;
        }
        if (ListItemType(type) is { } itemType)
        {
            foreach (var item in section.GetChildren())
            {
                if (!int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)) errors.Add($"{item.Path}: expected a JSON array at {section.Path}");
                else CheckNode(item, itemType, errors);
            }
            return;
        }
        if (section.Value is { Length: > 0 } && !section.GetChildren().Any())
        {
            errors.Add($"{section.Path} must be a JSON object of settings ({string.Join(", ", Properties(type).Select(p => p.Name))})");
            return;
        }
        foreach (var child in section.GetChildren())
        {
            var childType = PropertyType(type, child.Key);
            if (childType is null) errors.Add(Unknown(child.Path, child.Key, Properties(type).Select(p => p.Name)));
            else CheckNode(child, childType, errors);
        }
    }

    private static string Unknown(string path, string key, IEnumerable<string> known)
    {
        var best = known.Select(k => (Key: k, Distance: Distance(key.ToLowerInvariant(), k.ToLowerInvariant()))).OrderBy(x => x.Distance).FirstOrDefault();
        var parent = path[..^key.Length];
        return best.Key is not null && best.Distance <= Math.Max(2, key.Length / 3)
            ? $"unknown setting '{path}' (did you mean '{parent}{best.Key}'?)"
            : $"unknown setting '{path}' (known here: {string.Join(", ", known.Order(StringComparer.Ordinal))})";
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0);

    /// <summary>Configuration keys are case-insensitive, like the binder.</summary>
    private static Type? PropertyType(Type type, string key) =>
        Properties(type).FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase))?.PropertyType;

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(DateTimeOffset) || type == typeof(Uri);

    private static Type? DictionaryValueType(Type type)
    {
        var dict = type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(IReadOnlyDictionary<,>) || d == typeof(Dictionary<,>) || d == typeof(IDictionary<,>))
            ? type
            : null;
        return dict?.GetGenericArguments()[1];
    }

    private static Type? ListItemType(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        return type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(IReadOnlyList<>) || d == typeof(List<>) || d == typeof(IList<>) || d == typeof(IEnumerable<>) || d == typeof(IReadOnlyCollection<>))
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static bool Converts(string value, Type type)
    {
        if (type == typeof(string)) return true;
        if (type == typeof(TimeSpan)) return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out _);
        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or OverflowException || ex.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>The form a value of <paramref name="type"/> takes in bulwark.json, for the error line.</summary>
    public static string Expected(Type type) => type switch
    {
        _ when type == typeof(TimeSpan) => "a duration written [d.]hh:mm:ss (e.g. \"00:00:05\" for 5 seconds)",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number",
        _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ => "a " + type.Name,
    };

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
