using Npgsql;

namespace Bulwark.Gateway.Access.Stores;

/// <summary>Parses the Store setting: <c>sqlite://path</c> or <c>postgres://user:pass@host:port/db</c>. Never echoes a password.</summary>
public static class StoreUri
{
    public static bool IsSqlite(string uri) => uri.StartsWith("sqlite://", StringComparison.Ordinal);

    public static string SqlitePath(string uri) => uri["sqlite://".Length..];

    public static string PostgresConnectionString(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var u) || (u.Scheme != "postgres" && u.Scheme != "postgresql") || string.IsNullOrEmpty(u.Host))
            throw new ArgumentException("Store must be postgres://user:pass@host:port/db");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = u.Host,
            Port = u.Port > 0 ? u.Port : 5432,
            Database = Uri.UnescapeDataString(u.AbsolutePath.TrimStart('/')),
            MaxPoolSize = 50,
        };
        if (u.UserInfo.Length > 0)
        {
            var parts = u.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        if (string.IsNullOrEmpty(builder.Database)) builder.Database = "postgres";
        return builder.ToString();
    }

    /// <summary>The store for a URI (not yet migrated).</summary>
    public static IAccessStore Open(string uri) =>
        IsSqlite(uri) ? new SqliteAccessStore(SqlitePath(uri)) : new PostgresAccessStore(PostgresConnectionString(uri));
}
