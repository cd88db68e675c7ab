using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Bulwark.Testing;

/// <summary>
/// Free TCP ports on loopback for servers that must be told their port before they start (PostgreSQL, Redis, gateway
/// processes). Ports come from below the kernel's ephemeral range, so that no client socket of a parallel test can be
/// handed the same port between this check and the server's bind, and a client reconnecting to a stopped server cannot
/// connect to itself on it (a TCP self-connect keeps the port busy). Each port is handed out once per process.
/// </summary>
public static class FreePort
{
    private const int Lowest = 20_000;
    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";
    private static readonly HashSet<int> Given = [];
    private static readonly Lock Gate = new();

    public static int Next()
    {
        var highest = EphemeralStart() - 1;
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = Random.Shared.Next(Lowest, highest + 1);
            lock (Gate)
            {
                if (!Given.Add(port)) continue;
            }
            if (CanBind(port)) return port;
        }
        throw new InvalidOperationException($"no free loopback port between {Lowest} and {highest}");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralStart()
    {
        try
        {
            var first = File.ReadAllText(EphemeralRange).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            var start = int.Parse(first, CultureInfo.InvariantCulture);
            return start > Lowest + 1_000 ? start : 32_768;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768;
        }
    }
}
