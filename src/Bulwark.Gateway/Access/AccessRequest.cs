using System.Net;

namespace Bulwark.Gateway.Access;

/// <summary>What the access check sees of a request. <see cref="PresentedKey"/> is secret: never log it.</summary>
public sealed record AccessRequest(string? PresentedKey, string? Model, string Route, IPAddress? RemoteAddress);
