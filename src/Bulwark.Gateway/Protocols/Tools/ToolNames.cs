namespace Bulwark.Gateway.Protocols.Tools;

/// <summary>The tool-name rule both APIs share: 1 to 64 letters, digits, '_' or '-' (OpenAI also allows '.').</summary>
public static class ToolNames
{
    public const int MaxLength = 64;

    public static bool IsValid(string name)
    {
        if (name.Length is 0 or > MaxLength) return false;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.')) return false;
        }
        return true;
    }
}
