namespace Bulwark.Detection.Models;

/// <summary>
/// Loads <see cref="DetectorModels"/> once, lazily and thread-safely. When loading fails the reason is logged
/// once and every later <see cref="Get"/> throws, so that guards fail closed (the pipeline applies OnGuardError).
/// </summary>
public sealed class ModelProvider
{
    private static readonly Lazy<ModelProvider> EmbeddedInstance = new(() => new ModelProvider(DetectorModels.LoadEmbedded, "embedded"));
    private readonly Lazy<DetectorModels> _models;
    private readonly string _origin;
    private Action<string>? _log;
    private int _logged;

    public ModelProvider(Func<DetectorModels> load, string origin, Action<string>? log = null)
    {
        _models = new Lazy<DetectorModels>(load, LazyThreadSafetyMode.ExecutionAndPublication);
        _origin = origin;
        _log = log;
    }

    /// <summary>The process-wide provider of the weights embedded in Bulwark.Detection.</summary>
    public static ModelProvider Embedded => EmbeddedInstance.Value;

    public static ModelProvider FromDirectory(string directory, Action<string>? log = null) =>
        new(() => DetectorModels.LoadDirectory(directory), directory, log);

    public string Origin => _origin;

    public ModelProvider WithLog(Action<string>? log)
    {
        _log ??= log;
        return this;
    }

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
