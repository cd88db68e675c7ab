using Bulwark.Gateway.Protocols.Tools;
using Bulwark.Gateway.Upstreams;

namespace Bulwark.Gateway.Streaming;

/// <summary>
/// Collects the pieces of the model's tool calls until the answer ends. Nothing of a tool call is released before
/// the whole call (name and arguments) has passed the output guards, so calls are held here, in arrival order.
/// </summary>
public sealed class ToolCallAssembler
{
    private readonly Dictionary<int, (string? Id, string? Name, System.Text.StringBuilder Arguments)> _calls = [];
    private readonly List<int> _order = [];

    public int Count => _order.Count;

    public int Length { get; private set; }

    public void Add(ToolCallDelta delta)
    {
        if (!_calls.TryGetValue(delta.Index, out var call))
        {
            call = (null, null, new System.Text.StringBuilder());
            _order.Add(delta.Index);
        }
        call = (call.Id ?? NullIfEmpty(delta.Id), call.Name ?? NullIfEmpty(delta.Name), call.Arguments.Append(delta.Arguments));
        _calls[delta.Index] = call;
        Length += delta.Arguments.Length;
    }

    /// <summary>The complete calls; a call without an id gets a generated one, a call without arguments gets "{}".</summary>
    public IReadOnlyList<ToolCall> Complete(string idPrefix)
    {
        var list = new List<ToolCall>(_order.Count);
        for (var i = 0; i < _order.Count; i++)
        {
            var (id, name, args) = _calls[_order[i]];
            var arguments = args.ToString();
            list.Add(new ToolCall(id ?? $"{idPrefix}{i}", name ?? "", arguments.Trim().Length == 0 ? "{}" : arguments));
        }
        return list;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
