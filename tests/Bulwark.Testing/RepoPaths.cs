namespace Bulwark.Testing;

public static class RepoPaths
{
    /// <summary>The repository root (the folder holding Bulwark.sln).</summary>
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bulwark.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Bulwark.sln not found above " + AppContext.BaseDirectory);
    }
}
