namespace Bulwark.RedTeam.Running;

/// <summary>A seed from strings that is the same in every process (FNV-1a), so runs repeat whatever the concurrency.</summary>
public static class StableSeed
{
    public static int Of(int seed, params string[] parts)
    {
        unchecked
        {
            var h = 2166136261u ^ (uint)seed;
            foreach (var part in parts)
            {
                foreach (var c in part)
                {
                    h ^= c;
                    h *= 16777619u;
                }
                h ^= 0xFF;
                h *= 16777619u;
            }
            return (int)(h & 0x7FFFFFFF);
        }
    }
}
