namespace Bulwark.Gateway.Pipeline;

/// <summary>The outcome of one API call as the audit record and the request metrics name it (see also <see cref="GuardFaults.Outcome"/>).</summary>
public static class Outcomes
{
    public const string Served = "served";

    public const string Invalid = "invalid";

    public const string Denied = "denied";

    public const string BlockedInput = "blocked_input";

    public const string BlockedOutput = "blocked_output";

    public const string UpstreamError = "upstream_error";

    public const string ClientClosed = "client_closed";

    public const string Streaming = "streaming";

    public const string Withdrawn = "withdrawn";

    public const string Error = "error";

    /// <summary>The reason given when the output or input guards blocked on the content.</summary>
    public const string ContentFilter = "content_filter";
}
