using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Core.Conversations;
using Bulwark.Core.Guards;
using Microsoft.Extensions.Caching.Memory;

namespace Bulwark.Gateway.ExternalGuards;

/// <summary>
/// A guard model Bulwark calls over HTTP (<c>Bulwark:ExternalGuards:&lt;name&gt;</c>), in one of the <see cref="IGuardModelFormat"/>s.
/// It judges the raw last user turn (input) or the answer so far (output), within its own <c>Timeout</c>. A failure,
/// timeout, non-success status or unparseable reply throws, so the pipeline applies the policy's OnGuardError (fail
/// closed by default): never "safe". Results are cached by a SHA-256 of the exact request body, at most
/// <see cref="ExternalGuardOptions.CacheEntries"/> of them; errors are not cached.
/// </summary>
public sealed class ExternalGuard : IGuard, IDisposable
{
    private const string AlwaysWhen = "always";
    private readonly ExternalGuardOptions _options;
    private readonly IGuardModelFormat _format;
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly MemoryCache? _cache;

    public ExternalGuard(string name, ExternalGuardOptions options, HttpMessageHandler? handler = null)
    {
        Name = name;
        _options = options;
        _format = options.Kind switch
        {
            ExternalGuardOptions.LlamaGuard => new LlamaGuardFormat(),
            ExternalGuardOptions.Qwen3Guard => new Qwen3GuardFormat(),
            _ => new OpenAiModerationFormat(),
        };
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan; // the guard's own Timeout is applied per call
        _endpoint = new Uri(options.BaseUrl.TrimEnd('/') + "/" + _format.Path);
        if (options.ApiKeyEnv is { Length: > 0 } env && Environment.GetEnvironmentVariable(env) is { Length: > 0 } key)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (options.CacheEntries > 0) _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.CacheEntries });
        Stages = options.Stage switch { "output" => GuardStages.Output, "both" => GuardStages.Both, _ => GuardStages.Input };
    }

    public string Name { get; }

    public GuardStages Stages { get; }

    public GuardPlacement Placement => GuardPlacement.AfterNormalization;

    public bool Offload => false;

    public ValueTask WarmUpAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask<GuardResult> InspectAsync(GuardContext context, CancellationToken cancellationToken)
    {
        var stage = context.Stage == GuardStage.Input ? GuardStages.Input : GuardStages.Output;
        if (!Stages.HasFlag(stage)) return GuardResult.Clean;
        if (_options.When != AlwaysWhen && !context.EarlierOutcomes.Any(o => o.Action == GuardAction.Flag)) return GuardResult.Clean;
        var prompt = context.Conversation.LastUser?.Text ?? "";
        var text = context.Stage == GuardStage.Input ? new GuardedText(prompt, null) : new GuardedText(prompt, context.OutputSoFar.Length > 0 ? context.OutputSoFar : context.OutputWindow);
        if (text.Prompt.Length == 0 && text.Response is null) return GuardResult.Clean;

        var body = _format.BuildRequest(_options.Model, text).ToJsonString();
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        if (_cache is not null && _cache.TryGetValue(key, out GuardResult? cached) && cached is not null) return cached;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(_endpoint, content, timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"guard model answered {(int)response.StatusCode}");
        JsonNode? reply;
        try
        {
            reply = await response.Content.ReadFromJsonAsync<JsonNode>(timeout.Token).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            throw new ExternalGuardReplyException("reply is not JSON");
        }
        var findings = _format.ParseReply(reply);
        var result = findings.Count == 0 ? GuardResult.Clean : new GuardResult { Findings = findings, Reason = $"{Name} ({_format.Kind})" };
        _cache?.Set(key, result, new MemoryCacheEntryOptions { Size = 1 });
        return result;
    }

    public void Dispose()
    {
        _http.Dispose();
        _cache?.Dispose();
    }
}
