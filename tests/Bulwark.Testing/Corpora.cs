using Xunit;

namespace Bulwark.Testing;

/// <summary>
/// Locates the shared corpora (../shared/corpora from the repository root). Tests that need them call
/// <see cref="RequireDirectory"/>, which skips the test with a message when the folder is absent.
/// </summary>
public static class Corpora
{
    public static string? Directory()
    {
        var env = Environment.GetEnvironmentVariable("BULWARK_CORPORA");
        if (!string.IsNullOrEmpty(env) && System.IO.Directory.Exists(env)) return env;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bulwark.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpora"));
                return System.IO.Directory.Exists(candidate) ? candidate : null;
            }
            dir = dir.Parent;
        }
        return null;
    }

    public static string RequireDirectory()
    {
        var d = Directory();
        Skip.If(d is null, "../shared/corpora is absent: corpus tests skipped");
        return d!;
    }
}
