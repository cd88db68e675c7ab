using System.Text;

namespace Bulwark.Gateway.Tests.Support;

/// <summary>
/// A deliberately simple server-sent-events parser for tests, independent of the gateway's: it reads the response
/// body one byte at a time, splits lines on LF (dropping a CR before it), and dispatches on a blank line. It keeps
/// the raw bytes too, so tests can assert on exactly what crossed the wire.
/// </summary>
public static class ByteSseParser
{
    public static async Task<(List<SseClientEvent> Events, string Raw)> ReadAllAsync(Stream body, CancellationToken cancellationToken, Func<SseClientEvent, bool>? stopAfter = null)
    {
        var events = new List<SseClientEvent>();
        var raw = new List<byte>();
        var line = new List<byte>();
        var eventType = "";
        var data = new StringBuilder();
        var hasData = false;
        var one = new byte[1];
        while (true)
        {
            var read = await body.ReadAsync(one.AsMemory(0, 1), cancellationToken);
            if (read == 0) break;
            raw.Add(one[0]);
            if (one[0] != (byte)'\n')
            {
                line.Add(one[0]);
                continue;
            }
            if (line.Count > 0 && line[^1] == (byte)'\r') line.RemoveAt(line.Count - 1);
            var text = Encoding.UTF8.GetString(line.ToArray());
            line.Clear();
            if (text.Length == 0)
            {
                if (hasData)
                {
                    var e = new SseClientEvent(eventType, data.ToString());
                    events.Add(e);
                    if (stopAfter?.Invoke(e) == true) break;
                }
                eventType = "";
                data.Clear();
                hasData = false;
                continue;
            }
            if (text.StartsWith("event:", StringComparison.Ordinal)) eventType = text[6..].TrimStart(' ');
            else if (text.StartsWith("data:", StringComparison.Ordinal))
            {
                if (hasData) data.Append('\n');
                data.Append(text[5..].StartsWith(' ') ? text[6..] : text[5..]);
                hasData = true;
            }
        }
        return (events, Encoding.UTF8.GetString(raw.ToArray()));
    }
}
