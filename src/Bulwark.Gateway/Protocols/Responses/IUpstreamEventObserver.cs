using Bulwark.Gateway.Upstreams;

namespace Bulwark.Gateway.Protocols.Responses;

/// <summary>
/// A stream writer that sees every upstream event before the handler acts on it, to pass back what carries no text
/// for the guards (a Responses upstream's created response and its reasoning items). It never writes model text:
/// that is released only by the handler, through the output gate.
/// </summary>
public interface IUpstreamEventObserver
{
    ValueTask ObserveAsync(UpstreamEvent upstreamEvent, CancellationToken cancellationToken);
}
