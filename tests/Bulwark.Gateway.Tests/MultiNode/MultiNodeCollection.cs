namespace Bulwark.Gateway.Tests.MultiNode;

/// <summary>The multi-node classes each start three gateway processes; they run one after the other, not side by side.</summary>
[CollectionDefinition(Name)]
public sealed class MultiNodeCollection
{
    public const string Name = "multi-node";
}
