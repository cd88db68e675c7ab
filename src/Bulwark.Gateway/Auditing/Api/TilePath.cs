using System.Globalization;

namespace Bulwark.Gateway.Auditing.Api;

/// <summary>
/// A C2SP tlog-tiles path below <c>tile/</c>: <c>&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c> or <c>entries/&lt;N&gt;[.p/&lt;W&gt;]</c>, where N is
/// written in groups of three digits, all but the last prefixed with 'x' (e.g. 1234067 → x001/x234/067).
/// </summary>
public sealed record TilePath(bool Entries, int Level, long Index, int Width)
{
    public const int Height = 8;
    public const int FullWidth = 1 << Height;

    /// <summary>Highest tile level whose nodes fit a tree of at most 2^63 leaves (level 7 holds nodes of height 56).</summary>
    public const int MaxLevel = 7;

    public bool Partial => Width < FullWidth;

    /// <summary>
    /// The tile's first leaf fits in a long: a tile at level L, index N starts at leaf N·256^(L+1). Out of range, the
    /// multiplication would wrap around and name another tile, so callers answer 404 instead.
    /// </summary>
    public bool InRange
    {
        get
        {
            if (Level > MaxLevel) return false;
            var bits = Height * (Level + 1);
            return bits < 63 ? Index <= long.MaxValue >> bits : Index == 0;
        }
    }

    public static bool TryParse(string path, out TilePath? tile)
    {
        tile = null;
        var parts = path.Split('/');
        if (parts.Length < 2) return false;
        var entries = parts[0] == "entries";
        var level = 0;
        if (!entries && (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out level) || level > 63 || (parts[0].Length > 1 && parts[0][0] == '0'))) return false;
        var rest = parts[1..];
        var width = FullWidth;
        if (rest.Length >= 2 && rest[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!int.TryParse(rest[^1], NumberStyles.None, CultureInfo.InvariantCulture, out width) || width is < 1 or >= FullWidth || (rest[^1].Length > 1 && rest[^1][0] == '0')) return false;
            rest = [.. rest[..^2], rest[^2][..^2]];
        }
        long index = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            var segment = rest[i];
            var last = i == rest.Length - 1;
            if (!last)
            {
                if (segment.Length != 4 || segment[0] != 'x') return false;
                segment = segment[1..];
            }
            if (segment.Length != 3 || !segment.All(char.IsAsciiDigit)) return false;
            if (index > (long.MaxValue - 999) / 1000) return false;
            index = index * 1000 + int.Parse(segment, CultureInfo.InvariantCulture);
        }
        tile = new TilePath(entries, level, index, width);
        return true;
    }

    public static string FormatIndex(long n)
    {
        var groups = new List<string>();
        do
        {
            groups.Add((n % 1000).ToString("000", CultureInfo.InvariantCulture));
            n /= 1000;
        }
        while (n > 0);
        groups.Reverse();
        return string.Join('/', groups.Select((g, i) => i < groups.Count - 1 ? "x" + g : g));
    }

    public override string ToString() =>
        (Entries ? "entries" : Level.ToString(CultureInfo.InvariantCulture)) + "/" + FormatIndex(Index) + (Partial ? ".p/" + Width.ToString(CultureInfo.InvariantCulture) : "");
}
