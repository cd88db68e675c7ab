namespace Bulwark.Gateway.Access.Stores;

/// <summary>The access tables, one dialect per store. Every statement is idempotent.</summary>
internal static class AccessSchema
{
    public static string[] Statements(string intType) =>
    [
        $"CREATE TABLE IF NOT EXISTS access_version (id {intType} PRIMARY KEY, version {intType} NOT NULL)",
        "INSERT INTO access_version (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING",
        $"CREATE TABLE IF NOT EXISTS access_principals (id TEXT PRIMARY KEY, groups TEXT NOT NULL, tier TEXT NULL, suspended {intType} NOT NULL, offender_level {intType} NOT NULL, rpm {intType} NULL, tpm {intType} NULL, created_at {intType} NOT NULL, updated_at {intType} NOT NULL)",
        $"CREATE TABLE IF NOT EXISTS access_keys (id TEXT PRIMARY KEY, principal_id TEXT NOT NULL, hash TEXT NOT NULL, models TEXT NOT NULL, is_admin {intType} NOT NULL, is_auditor {intType} NOT NULL, created_at {intType} NOT NULL, expires_at {intType} NULL, revoked_at {intType} NULL, rotated_from TEXT NULL, rotated_to TEXT NULL, last_used_at {intType} NULL)",
        "CREATE INDEX IF NOT EXISTS access_keys_principal ON access_keys (principal_id)",
        "CREATE TABLE IF NOT EXISTS access_key_policies (key_id TEXT PRIMARY KEY, policy TEXT NOT NULL)",
        $"CREATE TABLE IF NOT EXISTS access_directives (id TEXT PRIMARY KEY, model TEXT NOT NULL, allow_groups TEXT NOT NULL, effective_at {intType} NOT NULL, reason TEXT NOT NULL, issuer TEXT NOT NULL, issued_at {intType} NOT NULL, lifted_at {intType} NULL, lifted_by TEXT NULL)",
        $"CREATE TABLE IF NOT EXISTS access_killswitches (scope TEXT NOT NULL, name TEXT NOT NULL, is_on {intType} NOT NULL, set_by TEXT NOT NULL, set_at {intType} NOT NULL, PRIMARY KEY (scope, name))",
    ];
}
