using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Upstreams.Http;
using Bulwark.Gateway.Upstreams.Simulated;

namespace Bulwark.Gateway.Upstreams;

/// <summary>The configured upstream clients by name, built once at start-up.</summary>
public sealed class UpstreamRegistry
{
    private readonly Dictionary<string, IUpstreamClient> _clients = new(StringComparer.Ordinal);

    public UpstreamRegistry(BulwarkOptions options, TimeProvider timeProvider)
    {
        HttpMessageInvoker? invoker = null;
        foreach (var (name, upstream) in options.Upstreams)
        {
            _clients[name] = upstream.Kind switch
            {
                "simulated" => new SimulatedUpstreamClient(name, upstream, timeProvider),
                "openai" => new OpenAiUpstream(name, upstream, invoker ??= UpstreamHttp.CreateInvoker()),
                "anthropic" => new AnthropicUpstreamClient(name, upstream, invoker ??= UpstreamHttp.CreateInvoker()),
                _ => throw new ArgumentException($"unknown upstream kind '{upstream.Kind}'"),
            };
        }
    }

    public IUpstreamClient Get(string name) => _clients[name];

    /// <summary>The upstream for a model: its own, or (with Fallbacks) a chain of it and its fallbacks ("upstream" or "upstream:model").</summary>
    public IUpstreamClient For(ModelOptions model)
    {
        if (model.Fallbacks.Count == 0) return _clients[model.Upstream];
        var chain = new List<(IUpstreamClient, string?)> { (_clients[model.Upstream], null) };
        foreach (var entry in model.Fallbacks)
        {
            var (name, upstreamModel) = ModelOptions.SplitFallback(entry);
            chain.Add((_clients[name], upstreamModel));
        }
        return new FallbackUpstreamClient(chain);
    }
}
