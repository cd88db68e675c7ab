using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Protocols.Tools;
using Bulwark.Gateway.Streaming;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// The model's tool calls, checked before any is released: a tool outside the allowlist blocks the answer
/// (audited with the tool's name), then each call's name and arguments pass the output guards like text.
/// </summary>
public sealed class ToolCallChecker(BulwarkOptions options)
{
    private readonly ToolAllowlist _allowlist = new(options);

    public async Task<ToolCheck> CheckAsync(OutputGate gate, ToolCallAssembler calls, Policy policy, CallerInfo caller, string model, string idPrefix, CancellationToken cancellationToken)
    {
        var list = calls.Complete(idPrefix);
        foreach (var c in list)
        {
            if (!_allowlist.IsAllowed(model, caller, c.Name)) return new ToolCheck(list, ToolAllowlist.Refusal(c.Name, policy), c.Name);
            var verdict = await gate.ScanToolCallAsync(c.ScanText, cancellationToken).ConfigureAwait(false);
            if (verdict.IsBlocked) return new ToolCheck(list, verdict, c.Name);
        }
        return new ToolCheck(list, null, null);
    }
}
