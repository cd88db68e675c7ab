using Bulwark.Core.Guards;
using Microsoft.Extensions.AI;

namespace Bulwark.Extensions.AI;

/// <summary>One call in flight: its id, caller, input verdict, output gate and the messages to forward (or the refusal).</summary>
internal sealed record GuardedCall(string RequestId, CallerInfo Caller, Verdict Input, OutputGate Gate, IList<ChatMessage> Messages, ChatResponse? Refusal);
