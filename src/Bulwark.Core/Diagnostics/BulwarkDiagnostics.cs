using System.Diagnostics;

namespace Bulwark.Core.Diagnostics;

/// <summary>
/// The one <see cref="ActivitySource"/> (named "Bulwark") for the gateway's spans: access, each guard, upstream, output
/// gate, audit append. Like a meter name, it is a process-wide identity, not state: with no listener StartActivity returns null.
/// Span attributes carry names, codes and sizes, never content or keys.
/// </summary>
public static class BulwarkDiagnostics
{
    public const string SourceName = "Bulwark";

    public static readonly ActivitySource Source = new(SourceName, "1.0");

    public const string GuardAttribute = "bulwark.guard";
    public const string ActionAttribute = "bulwark.action";
    public const string StageAttribute = "bulwark.stage";

    /// <summary>A span for one guard's run, or null when nobody listens (no allocation then).</summary>
    public static Activity? StartGuard(string guardName) =>
        Source.HasListeners() ? Source.StartActivity("guard " + guardName)?.SetTag(GuardAttribute, guardName) : null;
}
