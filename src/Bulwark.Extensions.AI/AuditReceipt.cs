namespace Bulwark.Extensions.AI;

/// <summary>Where a call's line sits in the local audit log, and the chained hash that commits to it and every earlier line.</summary>
public sealed record AuditReceipt(long Index, string Hash);
