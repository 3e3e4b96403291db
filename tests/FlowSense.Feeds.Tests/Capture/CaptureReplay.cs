using FlowSense.Feeds.Capture;
using FlowSense.Feeds.Venues;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Capture;

/// <summary>Feeds the received messages of a shared capture file to a codec, in file order.</summary>
internal static class CaptureReplay
{
    public static string CryptoFile(string name) => SharedData.File("crypto", name);

    /// <summary>Replays every received line; returns how many were fed.</summary>
    public static long Feed(string name, IVenueCodec codec, Quarantine.Quarantine? quarantine = null)
    {
        using var reader = CaptureReader.Open(CryptoFile(name), quarantine ?? new Quarantine.Quarantine());
        long fed = 0;
        while (reader.TryRead(out var record))
        {
            if (record.Kind != CaptureLineKind.Received)
                continue;
            codec.Decode(record.Payload, record.ReceiveTimeNs, record.LineNumber);
            fed++;
        }
        return fed;
    }

    /// <summary>Every received payload of a capture as its own array, for tests that mutate or reorder them.</summary>
    public static List<(long Line, long ReceiveTimeNs, CaptureLineKind Kind, string Url, byte[] Payload)> Load(string name)
    {
        var lines = new List<(long, long, CaptureLineKind, string, byte[])>();
        using var reader = CaptureReader.Open(CryptoFile(name), new Quarantine.Quarantine());
        while (reader.TryRead(out var record))
            lines.Add((record.LineNumber, record.ReceiveTimeNs, record.Kind, System.Text.Encoding.UTF8.GetString(record.Url), record.Payload.ToArray()));
        return lines;
    }
}
