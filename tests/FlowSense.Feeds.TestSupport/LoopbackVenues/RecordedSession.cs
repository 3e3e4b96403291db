using FlowSense.Feeds.Capture;

namespace FlowSense.Feeds.TestSupport.LoopbackVenues;

/// <summary>One line of a recorded venue session: a message the venue sent, or a REST response it served.</summary>
public sealed record RecordedMessage(CaptureLineKind Kind, long ReceiveTimeNs, string Url, byte[] Payload);

/// <summary>A venue's recorded traffic (websocket capture plus REST captures), merged in receive-time order.</summary>
public static class RecordedSession
{
    public static IReadOnlyList<RecordedMessage> Load(params string[] captureFiles)
    {
        var messages = new List<RecordedMessage>();
        foreach (string file in captureFiles)
        {
            using var reader = CaptureReader.Open(file, new Quarantine.Quarantine());
            while (reader.TryRead(out var record))
            {
                if (record.Kind is CaptureLineKind.Received or CaptureLineKind.RestResponse)
                    messages.Add(new RecordedMessage(record.Kind, record.ReceiveTimeNs, System.Text.Encoding.UTF8.GetString(record.Url), record.Payload.ToArray()));
            }
        }
        return [.. messages.OrderBy(m => m.ReceiveTimeNs)];
    }
}
