namespace Bulwark.Gateway.Console;

/// <summary>Who is signed in to the console: admins may act (through the admin API), auditors only read.</summary>
public enum ConsoleRole
{
    None,
    Auditor,
    Admin,
}
