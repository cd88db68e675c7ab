namespace Bulwark.Testing;

/// <summary>
/// Finds the PostgreSQL and Redis server binaries that `.ci/run` installs from Debian packages. The tests
/// that need them start their own servers on loopback in temporary folders; when the binaries are missing
/// they fail with a message that says how to install them (they are part of the test command's contract).
/// </summary>
public static class ServiceBinaries
{
    public const string InstallHint = "install them with: apt-get install -y postgresql redis-server (or run .ci/run, which does)";

    public static string Redis() => Find("redis-server", ["/usr/bin", "/usr/local/bin", "/usr/sbin"])
        ?? throw new InvalidOperationException("redis-server not found; " + InstallHint);

    public static string PostgresBin()
    {
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("BULWARK_PG_BIN") }
                     .Concat(Directory.Exists("/usr/lib/postgresql")
                         ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
                         : []))
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "postgres")))
                return candidate;
        }
        var initdb = Find("initdb", ["/usr/bin", "/usr/local/bin"]);
        return initdb is not null ? Path.GetDirectoryName(Path.GetFullPath(initdb))!
            : throw new InvalidOperationException("PostgreSQL server binaries (initdb, postgres) not found; " + InstallHint);
    }

    private static string? Find(string name, string[] extra)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(extra).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }
}
