using Npgsql;

namespace Bulwark.Gateway.Auditing.Stores;

/// <summary>Opens the audit store named by a Store URI: <c>sqlite://path</c> or <c>postgres://user:pass@host:port/db</c>.</summary>
public static class AuditStoreFactory
{
    public static IAuditStore Create(string storeUri)
    {
        if (storeUri.StartsWith("sqlite://", StringComparison.Ordinal))
        {
            var path = storeUri["sqlite://".Length..];
            if (path.Length == 0) throw new ArgumentException("sqlite:// store URI needs a path");
            return new SqliteAuditStore(path);
        }
        if (storeUri.StartsWith("postgres://", StringComparison.Ordinal) || storeUri.StartsWith("postgresql://", StringComparison.Ordinal))
            return new PostgresAuditStore(ToNpgsqlConnectionString(storeUri));
        throw new ArgumentException("store URI must start with sqlite:// or postgres://");
    }

    /// <summary>Converts postgres://user:pass@host:port/db?key=value to an Npgsql connection string.</summary>
    public static string ToNpgsqlConnectionString(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var u) || (u.Scheme != "postgres" && u.Scheme != "postgresql"))
            throw new ArgumentException("postgres store URI must look like postgres://user:pass@host:port/db");
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = u.Host,
            Port = u.IsDefaultPort || u.Port <= 0 ? 5432 : u.Port,
            Database = Uri.UnescapeDataString(u.AbsolutePath.TrimStart('/')),
        };
        if (string.IsNullOrEmpty(b.Database)) throw new ArgumentException("postgres store URI needs a database name");
        if (u.UserInfo.Length > 0)
        {
            var colon = u.UserInfo.IndexOf(':');
            b.Username = Uri.UnescapeDataString(colon < 0 ? u.UserInfo : u.UserInfo[..colon]);
            if (colon >= 0) b.Password = Uri.UnescapeDataString(u.UserInfo[(colon + 1)..]);
        }
        foreach (var pair in u.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) continue;
            try { b[Uri.UnescapeDataString(pair[..eq])] = Uri.UnescapeDataString(pair[(eq + 1)..]); }
            catch (ArgumentException ex) { throw new ArgumentException($"postgres store URI has an unknown option '{pair[..eq]}'", ex); }
        }
        return b.ConnectionString;
    }
}
