using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Extensions.AI;

/// <summary><c>new ChatClientBuilder(inner).UseBulwark(o =&gt; …)</c>: guards every call of the inner client in-process.</summary>
public static class BulwarkChatClientBuilderExtensions
{
    /// <summary>
    /// Adds a <see cref="BulwarkChatClient"/> to the pipeline. With a <c>configure</c> callback, or with no
    /// <c>AddBulwark()</c> in the builder's services, it builds its own runtime (default policy, embedded models);
    /// otherwise it uses the <see cref="BulwarkRuntime"/> registered by <c>AddBulwark()</c>.
    /// </summary>
    public static ChatClientBuilder UseBulwark(this ChatClientBuilder builder, Action<BulwarkChatClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            BulwarkRuntime runtime;
            if (configure is null && services.GetService<BulwarkRuntime>() is { } registered)
            {
                runtime = registered;
            }
            else
            {
                var options = new BulwarkChatClientOptions();
                configure?.Invoke(options);
                runtime = BulwarkRuntime.Create(options);
            }
            return new BulwarkChatClient(inner, runtime);
        });
    }
}
