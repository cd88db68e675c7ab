using System.Text.Json.Nodes;
using Bulwark.Gateway.Access.Admin;

namespace Bulwark.Cli.Commands.Access;

/// <summary>One admin action, in its two forms: the admin API request, and the same action on the store directly.</summary>
internal sealed record AdminCall(
    HttpMethod Method,
    string Path,
    JsonObject? Body,
    Func<AccessAdministration, AdminActor, CancellationToken, Task<AdminResult>> Local);
