using System.Reflection;
using Bulwark.Detection.NGram;
using Bulwark.Detection.Semantic;
using Bulwark.Detection.Trajectory;

namespace Bulwark.Detection.Models;

/// <summary>The trained weights the guards need: the input and output n-gram models and (optionally) the semantic heads.</summary>
public sealed record DetectorModels(HashedNGramModel Input, HashedNGramModel Output, SemanticHeads? Semantic)
{
    /// <summary>Per-category flag and block points chosen at training time (empty for weights trained before they existed).</summary>
    public OperatingPoints OperatingPoints { get; init; } = OperatingPoints.Empty;

    /// <summary>The conversation-level model (absent for weights trained without multi-turn rows).</summary>
    public TrajectoryHead? Trajectory { get; init; }

    /// <summary>Loads the weights embedded in this assembly (they come from models/ at build time).</summary>
    public static DetectorModels LoadEmbedded()
    {
        var assembly = typeof(DetectorModels).Assembly;
        return new DetectorModels(
            HashedNGramModel.Load(Open(assembly, ModelFiles.InputNGram)),
            HashedNGramModel.Load(Open(assembly, ModelFiles.OutputNGram)),
            assembly.GetManifestResourceStream(ModelFiles.ResourcePrefix + ModelFiles.SemanticHeads) is { } s ? SemanticHeads.Load(s) : null)
        {
            OperatingPoints = assembly.GetManifestResourceStream(ModelFiles.ResourcePrefix + ModelFiles.OperatingPoints) is { } p ? OperatingPoints.Load(p) : OperatingPoints.Empty,
            Trajectory = assembly.GetManifestResourceStream(ModelFiles.ResourcePrefix + ModelFiles.Trajectory) is { } t ? TrajectoryHead.Load(t) : null,
        };
    }

    /// <summary>Loads weights written by <c>bulwark train</c> from a folder.</summary>
    public static DetectorModels LoadDirectory(string directory)
    {
        using var input = File.OpenRead(Path.Combine(directory, ModelFiles.InputNGram));
        using var output = File.OpenRead(Path.Combine(directory, ModelFiles.OutputNGram));
        var semPath = Path.Combine(directory, ModelFiles.SemanticHeads);
        SemanticHeads? sem = null;
        if (File.Exists(semPath))
        {
            using var s = File.OpenRead(semPath);
            sem = SemanticHeads.Load(s);
        }
        var pointsPath = Path.Combine(directory, ModelFiles.OperatingPoints);
        OperatingPoints points = OperatingPoints.Empty;
        if (File.Exists(pointsPath))
        {
            using var p = File.OpenRead(pointsPath);
            points = OperatingPoints.Load(p);
        }
        TrajectoryHead? trajectory = null;
        var trajectoryPath = Path.Combine(directory, ModelFiles.Trajectory);
        if (File.Exists(trajectoryPath))
        {
            using var t = File.OpenRead(trajectoryPath);
            trajectory = TrajectoryHead.Load(t);
        }
        return new DetectorModels(HashedNGramModel.Load(input), HashedNGramModel.Load(output), sem) { OperatingPoints = points, Trajectory = trajectory };
    }

    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        using (var f = File.Create(Path.Combine(directory, ModelFiles.InputNGram))) Input.Save(f);
        using (var f = File.Create(Path.Combine(directory, ModelFiles.OutputNGram))) Output.Save(f);
        if (Semantic is not null)
        {
            using var f = File.Create(Path.Combine(directory, ModelFiles.SemanticHeads));
            Semantic.Save(f);
        }
        if (Trajectory is not null)
        {
            using var f = File.Create(Path.Combine(directory, ModelFiles.Trajectory));
            Trajectory.Save(f);
        }
        if (OperatingPoints.Categories.Count > 0)
        {
            using var f = File.Create(Path.Combine(directory, ModelFiles.OperatingPoints));
            OperatingPoints.Save(f);
        }
    }

    private static Stream Open(Assembly assembly, string file) =>
        assembly.GetManifestResourceStream(ModelFiles.ResourcePrefix + file)
        ?? throw new FileNotFoundException($"embedded model '{file}' is missing from {assembly.GetName().Name}");
}
