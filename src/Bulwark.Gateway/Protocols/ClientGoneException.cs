namespace Bulwark.Gateway.Protocols;

/// <summary>The client's connection is closed: a flush reported the response pipe completed.</summary>
public sealed class ClientGoneException() : IOException("the client closed the connection");
