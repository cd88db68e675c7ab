namespace Bulwark.Detection.Models;

/// <summary>
/// Loads <see cref="DetectorModels"/> once, lazily and thread-safely. When loading fails the reason is logged
/// once and every later <see cref="Get"/> throws, so that guards fail closed (the pipeline applies OnGuardError).
/// Hosts hold one as a DI singleton (<c>AddBulwarkDetection</c>) and load it in <see cref="WarmUpAsync"/>.
/// </summary>
public sealed class ModelProvider
{
    private readonly Lazy<DetectorModels> _models;
    private readonly string _origin;
    private readonly Action<string>? _log;
    private int _logged;

    public ModelProvider(Func<DetectorModels> load, string origin, Action<string>? log = null)
    {
        _models = new Lazy<DetectorModels>(load, LazyThreadSafetyMode.ExecutionAndPublication);
        _origin = origin;
        _log = log;
    }

    /// <summary>A provider of the weights embedded in Bulwark.Detection (each call loads its own copy on first use).</summary>
    public static ModelProvider CreateEmbedded(Action<string>? log = null) => new(DetectorModels.LoadEmbedded, "embedded", log);

    /// <summary>The embedded weights, or those in <see cref="DetectionOptions.ModelDirectory"/> when set.</summary>
    public static ModelProvider For(DetectionOptions options) =>
        options.ModelDirectory is { } dir ? FromDirectory(dir, options.Log) : CreateEmbedded(options.Log);

    public static ModelProvider FromDirectory(string directory, Action<string>? log = null) =>
        new(() => DetectorModels.LoadDirectory(directory), directory, log);

    public string Origin => _origin;

    /// <summary>Loads the weights off the calling thread; throws when they cannot load.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken) => Task.Run(Get, cancellationToken);

    public DetectorModels Get()
    {
        try
        {
            return _models.Value;
        }
        catch (Exception ex)
        {
            if (Interlocked.Exchange(ref _logged, 1) == 0)
            {
                var message = $"bulwark: detector models from {_origin} failed to load ({ex.GetType().Name}: {ex.Message}); learned guards will fail closed";
                if (_log is not null) _log(message); else Console.Error.WriteLine(message);
            }
            throw new InvalidOperationException("detector models unavailable", ex);
        }
    }
}
