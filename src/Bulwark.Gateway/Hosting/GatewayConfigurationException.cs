namespace Bulwark.Gateway.Hosting;

/// <summary>Invalid configuration found at start-up; the message names the setting.</summary>
public sealed class GatewayConfigurationException(string message) : Exception(message);
