namespace Bulwark.Core.Access;

/// <summary>A freshly generated key. <see cref="Key"/> is the secret: show it once, never log or store it.</summary>
public sealed record GeneratedApiKey(string Id, string Key, byte[] Hash)
{
    public override string ToString() => $"GeneratedApiKey {{ Id = {Id} }}";
}
