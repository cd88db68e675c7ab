using Bulwark.Core.Policies;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Protocols;
using Bulwark.Gateway.Upstreams;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// A call that passed access and the input guards and is about to be answered: what the responders
/// (<see cref="CompletionResponder"/>, <see cref="StreamResponder"/>) need to call the upstream, guard its answer and audit it.
/// </summary>
public sealed record AnswerContext(
    HttpContext Http,
    IClientProtocol Protocol,
    AuditRecord Record,
    AccessDecision Decision,
    Policy Policy,
    UpstreamCall Call,
    IUpstreamClient Upstream,
    string PublicModel,
    long Started);
