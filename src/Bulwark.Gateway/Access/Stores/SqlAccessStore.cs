using System.Data;
using System.Data.Common;
using System.Text.Json;
using Bulwark.Core.Access;

namespace Bulwark.Gateway.Access.Stores;

/// <summary>
/// The SQL shared by the SQLite and PostgreSQL stores (both accept <c>@name</c> parameters, <c>ON CONFLICT</c> and
/// <c>RETURNING</c>). Times are Unix milliseconds, flags 0/1, lists JSON arrays of strings.
/// </summary>
public abstract class SqlAccessStore : IAccessStore
{
    public abstract string Name { get; }

    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: read committed, serialised on the version row).</summary>
    protected abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A read transaction that sees one consistent snapshot.</summary>
    protected abstract ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    public abstract Task MigrateAsync(CancellationToken cancellationToken);

    public abstract Task<T> RunExclusiveAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken);

    public async Task<long> GetVersionAsync(CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var cmd = Command(conn, null, "SELECT version FROM access_version WHERE id = 1");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The whole state in one snapshot. The five queries go as one command (one round trip to PostgreSQL, and one
    /// prepared batch on SQLite): every node runs this on each version message, so it is on the revocation path.
    /// </summary>
    public async Task<AccessSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var tx = await BeginReadAsync(conn, cancellationToken);
        long version = 0;
        var principals = new List<Principal>();
        var keys = new List<ApiKey>();
        var directives = new List<Directive>();
        var switches = new List<KillSwitch>();
        await using (var cmd = Command(conn, tx, LoadSql))
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            if (await r.ReadAsync(cancellationToken)) version = Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            await NextResultAsync(r, cancellationToken);
            while (await r.ReadAsync(cancellationToken)) principals.Add(ReadPrincipal(r));
            await NextResultAsync(r, cancellationToken);
            while (await r.ReadAsync(cancellationToken)) keys.Add(ReadKey(r));
            await NextResultAsync(r, cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                directives.Add(new Directive
                {
                    Id = r.GetString(0), Model = r.GetString(1), AllowGroups = List(r.GetString(2)), Effective = Time(r, 3)!.Value,
                    Reason = r.GetString(4), Issuer = r.GetString(5), IssuedAt = Time(r, 6)!.Value, LiftedAt = Time(r, 7),
                    LiftedBy = r.IsDBNull(8) ? null : r.GetString(8),
                });
            }
            await NextResultAsync(r, cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                if (!KillSwitch.TryParseScope(r.GetString(0), out var scope)) continue;
                switches.Add(new KillSwitch(scope, r.GetString(1), Int(r, 2) != 0, r.GetString(3), Time(r, 4)!.Value));
            }
        }
        await tx.CommitAsync(cancellationToken);
        return new AccessSnapshot(version, principals, keys, directives, switches);
    }

    private static async Task NextResultAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.NextResultAsync(cancellationToken)) throw new InvalidOperationException("the access snapshot query returned fewer result sets than it has queries");
    }

    public async Task<ApiKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var cmd = Command(conn, null, $"SELECT {KeyColumns} FROM access_keys WHERE id = @id", ("id", keyId));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        return await r.ReadAsync(cancellationToken) ? ReadKey(r) : null;
    }

    public async Task<Principal?> GetPrincipalAsync(string principalId, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var cmd = Command(conn, null, $"SELECT {PrincipalColumns} FROM access_principals WHERE id = @id", ("id", principalId));
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        return await r.ReadAsync(cancellationToken) ? ReadPrincipal(r) : null;
    }

    public async Task<StoreOutcome> CreateKeyAsync(ApiKey key, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(conn, cancellationToken);
        var at = Ms(key.CreatedAt);
        await using (var cmd = Command(conn, tx,
                         "INSERT INTO access_principals (id, groups, tier, suspended, offender_level, rpm, tpm, created_at, updated_at) VALUES (@id, '[]', NULL, 0, 0, NULL, NULL, @at, @at) ON CONFLICT (id) DO NOTHING",
                         ("id", key.PrincipalId), ("at", at)))
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        if (groups.Count > 0)
        {
            string existing;
            await using (var cmd = Command(conn, tx, "SELECT groups FROM access_principals WHERE id = @id", ("id", key.PrincipalId)))
                existing = (string)(await cmd.ExecuteScalarAsync(cancellationToken))!;
            var merged = List(existing).Union(groups, StringComparer.Ordinal).ToArray();
            await using var cmd2 = Command(conn, tx, "UPDATE access_principals SET groups = @g, updated_at = @at WHERE id = @id",
                ("g", Json(merged)), ("at", at), ("id", key.PrincipalId));
            await cmd2.ExecuteNonQueryAsync(cancellationToken);
        }
        await InsertKeyAsync(conn, tx, key, cancellationToken);
        var version = await BumpAsync(conn, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new StoreOutcome(StoreStatus.Applied, version);
    }

    public async Task<StoreOutcome> RevokeKeyAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(conn, cancellationToken);
        int n;
        await using (var cmd = Command(conn, tx, "UPDATE access_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL", ("at", Ms(at)), ("id", keyId)))
            n = await cmd.ExecuteNonQueryAsync(cancellationToken);
        if (n == 0)
        {
            var exists = await ExistsAsync(conn, tx, "access_keys", keyId, cancellationToken);
            await tx.RollbackAsync(cancellationToken);
            return exists ? StoreOutcome.Unchanged : StoreOutcome.NotFound;
        }
        var version = await BumpAsync(conn, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new StoreOutcome(StoreStatus.Applied, version);
    }

    public async Task<StoreOutcome> RotateKeyAsync(string oldKeyId, ApiKey newKey, DateTimeOffset oldValidUntil, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(conn, cancellationToken);
        int n;
        await using (var cmd = Command(conn, tx,
                         "UPDATE access_keys SET expires_at = CASE WHEN expires_at IS NULL OR expires_at > @until THEN @until ELSE expires_at END, rotated_to = @new " +
                         "WHERE id = @id AND revoked_at IS NULL AND rotated_to IS NULL AND (expires_at IS NULL OR expires_at > @now)",
                         ("until", Ms(oldValidUntil)), ("new", newKey.Id), ("id", oldKeyId), ("now", Ms(newKey.CreatedAt))))
            n = await cmd.ExecuteNonQueryAsync(cancellationToken);
        if (n == 0)
        {
            var exists = await ExistsAsync(conn, tx, "access_keys", oldKeyId, cancellationToken);
            await tx.RollbackAsync(cancellationToken);
            return exists ? new StoreOutcome(StoreStatus.Conflict, 0) : StoreOutcome.NotFound;
        }
        await InsertKeyAsync(conn, tx, newKey with { RotatedFrom = oldKeyId }, cancellationToken);
        var version = await BumpAsync(conn, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new StoreOutcome(StoreStatus.Applied, version);
    }

    public async Task<StoreOutcome> UpsertPrincipalAsync(Principal principal, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(conn, cancellationToken);
        await using (var cmd = Command(conn, tx,
                         "INSERT INTO access_principals (id, groups, tier, suspended, offender_level, rpm, tpm, created_at, updated_at) VALUES (@id, @g, @tier, 0, 0, @rpm, @tpm, @at, @at) " +
                         "ON CONFLICT (id) DO UPDATE SET groups = @g, tier = @tier, rpm = @rpm, tpm = @tpm, updated_at = @at",
                         ("id", principal.Id), ("g", Json(principal.Groups)), ("tier", principal.Tier), ("rpm", (long?)principal.RequestsPerMinute),
                         ("tpm", (long?)principal.TokensPerMinute), ("at", Ms(principal.UpdatedAt))))
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        var version = await BumpAsync(conn, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new StoreOutcome(StoreStatus.Applied, version);
    }

    public async Task<StoreOutcome> SetOffenderStateAsync(string principalId, OffenderLevel level, bool suspended, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(conn, cancellationToken);
        int n;
        await using (var cmd = Command(conn, tx,
                         "UPDATE access_principals SET offender_level = @lvl, suspended = @s, updated_at = @at WHERE id = @id AND (offender_level <> @lvl OR suspended <> @s)",
                         ("lvl", (long)level), ("s", suspended ? 1L : 0L), ("at", Ms(at)), ("id", principalId)))
            n = await cmd.ExecuteNonQueryAsync(cancellationToken);
        if (n == 0)
        {
            var exists = await ExistsAsync(conn, tx, "access_principals", principalId, cancellationToken);
            await tx.RollbackAsync(cancellationToken);
            return exists ? StoreOutcome.Unchanged : StoreOutcome.NotFound;
        }
        var version = await BumpAsync(conn, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new StoreOutcome(StoreStatus.Applied, version);
    }

    public async Task<StoreOutcome> AddDirectiveAsync(Directive directive, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(conn, cancellationToken);
        await using (var cmd = Command(conn, tx,
                         "INSERT INTO access_directives (id, model, allow_groups, effective_at, reason, issuer, issued_at, lifted_at, lifted_by) VALUES (@id, @m, @g, @eff, @reason, @issuer, @at, NULL, NULL)",
                         ("id", directive.Id), ("m", directive.Model), ("g", Json(directive.AllowGroups)), ("eff", Ms(directive.Effective)),
                         ("reason", directive.Reason), ("issuer", directive.Issuer), ("at", Ms(directive.IssuedAt))))
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        var version = await BumpAsync(conn, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new StoreOutcome(StoreStatus.Applied, version);
    }

    public async Task<StoreOutcome> LiftDirectiveAsync(string directiveId, string actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(conn, cancellationToken);
        int n;
        await using (var cmd = Command(conn, tx, "UPDATE access_directives SET lifted_at = @at, lifted_by = @by WHERE id = @id AND lifted_at IS NULL",
                         ("at", Ms(at)), ("by", actor), ("id", directiveId)))
            n = await cmd.ExecuteNonQueryAsync(cancellationToken);
        if (n == 0)
        {
            var exists = await ExistsAsync(conn, tx, "access_directives", directiveId, cancellationToken);
            await tx.RollbackAsync(cancellationToken);
            return exists ? StoreOutcome.Unchanged : StoreOutcome.NotFound;
        }
        var version = await BumpAsync(conn, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new StoreOutcome(StoreStatus.Applied, version);
    }

    public async Task<StoreOutcome> SetKillSwitchAsync(KillSwitch killSwitch, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(conn, cancellationToken);
        var scope = KillSwitch.ScopeName(killSwitch.Scope);
        int n;
        await using (var cmd = Command(conn, tx,
                         "INSERT INTO access_killswitches (scope, name, is_on, set_by, set_at) VALUES (@scope, @name, @on, @by, @at) " +
                         "ON CONFLICT (scope, name) DO UPDATE SET is_on = @on, set_by = @by, set_at = @at WHERE access_killswitches.is_on <> @on",
                         ("scope", scope), ("name", killSwitch.Name), ("on", killSwitch.On ? 1L : 0L), ("by", killSwitch.SetBy), ("at", Ms(killSwitch.SetAt))))
            n = await cmd.ExecuteNonQueryAsync(cancellationToken);
        if (n == 0)
        {
            await tx.RollbackAsync(cancellationToken);
            return StoreOutcome.Unchanged;
        }
        var version = await BumpAsync(conn, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new StoreOutcome(StoreStatus.Applied, version);
    }

    public async Task TouchKeysAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> lastUsed, CancellationToken cancellationToken)
    {
        if (lastUsed.Count == 0) return;
        await using var conn = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(conn, cancellationToken);
        foreach (var (id, at) in lastUsed)
        {
            await using var cmd = Command(conn, tx, "UPDATE access_keys SET last_used_at = @at WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @at)",
                ("at", Ms(at)), ("id", id));
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    // --- helpers ---

    private const string PrincipalColumns = "id, groups, tier, suspended, offender_level, rpm, tpm, created_at, updated_at";
    private const string KeyColumns = "id, principal_id, hash, models, is_admin, is_auditor, created_at, expires_at, revoked_at, rotated_from, rotated_to, last_used_at, (SELECT kp.policy FROM access_key_policies kp WHERE kp.key_id = access_keys.id)";
    private const string LoadSql =
        "SELECT version FROM access_version WHERE id = 1;\n" +
        "SELECT " + PrincipalColumns + " FROM access_principals;\n" +
        "SELECT " + KeyColumns + " FROM access_keys;\n" +
        "SELECT id, model, allow_groups, effective_at, reason, issuer, issued_at, lifted_at, lifted_by FROM access_directives ORDER BY issued_at, id;\n" +
        "SELECT scope, name, is_on, set_by, set_at FROM access_killswitches ORDER BY scope, name";

    private static Principal ReadPrincipal(DbDataReader r) => new()
    {
        Id = r.GetString(0), Groups = List(r.GetString(1)), Tier = r.IsDBNull(2) ? null : r.GetString(2), Suspended = Int(r, 3) != 0,
        OffenderLevel = (OffenderLevel)Int(r, 4), RequestsPerMinute = r.IsDBNull(5) ? null : (int)Int(r, 5), TokensPerMinute = r.IsDBNull(6) ? null : (int)Int(r, 6),
        CreatedAt = Time(r, 7)!.Value, UpdatedAt = Time(r, 8)!.Value,
    };

    private static ApiKey ReadKey(DbDataReader r) => new()
    {
        Id = r.GetString(0), PrincipalId = r.GetString(1), Hash = Convert.FromHexString(r.GetString(2)), Models = List(r.GetString(3)),
        IsAdmin = Int(r, 4) != 0, IsAuditor = Int(r, 5) != 0, CreatedAt = Time(r, 6)!.Value, ExpiresAt = Time(r, 7), RevokedAt = Time(r, 8),
        RotatedFrom = r.IsDBNull(9) ? null : r.GetString(9), RotatedTo = r.IsDBNull(10) ? null : r.GetString(10), LastUsedAt = Time(r, 11),
        Policy = r.IsDBNull(12) ? null : r.GetString(12),
    };

    private static async Task InsertKeyAsync(DbConnection conn, DbTransaction tx, ApiKey key, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx,
            "INSERT INTO access_keys (id, principal_id, hash, models, is_admin, is_auditor, created_at, expires_at, revoked_at, rotated_from, rotated_to, last_used_at) " +
            "VALUES (@id, @p, @h, @m, @adm, @aud, @at, @exp, NULL, @from, NULL, NULL)",
            ("id", key.Id), ("p", key.PrincipalId), ("h", Convert.ToHexString(key.Hash)), ("m", Json(key.Models)), ("adm", key.IsAdmin ? 1L : 0L),
            ("aud", key.IsAuditor ? 1L : 0L), ("at", Ms(key.CreatedAt)), ("exp", key.ExpiresAt is { } e ? Ms(e) : null), ("from", key.RotatedFrom));
        await cmd.ExecuteNonQueryAsync(ct);
        if (key.Policy is null) return;
        await using var policy = Command(conn, tx, "INSERT INTO access_key_policies (key_id, policy) VALUES (@id, @policy)", ("id", key.Id), ("policy", key.Policy));
        await policy.ExecuteNonQueryAsync(ct);
    }

    private static async Task<bool> ExistsAsync(DbConnection conn, DbTransaction tx, string table, string id, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, $"SELECT COUNT(*) FROM {table} WHERE id = @id", ("id", id));
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task<long> BumpAsync(DbConnection conn, DbTransaction tx, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, "UPDATE access_version SET version = version + 1 WHERE id = 1 RETURNING version");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected static DbCommand Command(DbConnection conn, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + name;
            switch (value)
            {
                case null:
                    p.Value = DBNull.Value;
                    p.DbType = name is "tier" or "from" ? DbType.String : DbType.Int64;
                    break;
                case long l:
                    p.Value = l;
                    p.DbType = DbType.Int64;
                    break;
                case string s:
                    p.Value = s;
                    p.DbType = DbType.String;
                    break;
                default:
                    p.Value = value;
                    break;
            }
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    protected static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    private static long Int(DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Int(r, i));

    private static string Json(IReadOnlyList<string> list) => JsonSerializer.Serialize(list.ToArray());

    private static IReadOnlyList<string> List(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];
}
