using System.Buffers;
using FlowSense.Feeds.Quarantine;

namespace FlowSense.Feeds.Itch;

/// <summary>
/// Reads length-prefixed ITCH 5.0 from a stream (a file, a decompressing stream, a socket) and hands each message
/// to a handler without copying it. Rejected frames are counted and quarantined with their byte offset; reading goes on
/// at the next frame, since the length prefix says where it starts.
/// </summary>
public sealed class ItchStreamReader(string source, Quarantine.Quarantine quarantine, int bufferSize = 1 << 20)
{
    public ItchReadStats Stats { get; } = new();

    /// <summary>Reads to the end of <paramref name="stream"/>. Returns false if it stopped early at bytes it could not frame.</summary>
    public bool ReadAll<THandler>(Stream stream, ref THandler handler, CancellationToken cancellationToken = default)
        where THandler : IItchMessageHandler
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bufferSize, ushort.MaxValue + ItchFraming.PrefixLength));
        try
        {
            int start = 0, end = 0;
            long bufferOffset = 0; // stream position of buffer[0]
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int read = stream.Read(buffer, end, buffer.Length - end);
                end += read;
                Stats.Bytes += read;

                if (!Drain(buffer, ref start, end, bufferOffset, ref handler))
                {
                    Reject("unframeable", bufferOffset + start, buffer.AsSpan(start, end - start));
                    Stats.UnframeableBytes += end - start;
                    return false;
                }
                if (read == 0)
                {
                    if (start == end)
                        return true;
                    Reject("truncated-at-end", bufferOffset + start, buffer.AsSpan(start, end - start));
                    Stats.UnframeableBytes += end - start;
                    return false;
                }
                // Move the partial frame to the front so the next read completes it.
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                bufferOffset += start;
                end -= start;
                start = 0;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private bool Drain<THandler>(byte[] buffer, ref int start, int end, long bufferOffset, ref THandler handler)
        where THandler : IItchMessageHandler
    {
        while (true)
        {
            var span = buffer.AsSpan(start, end - start);
            var status = ItchFraming.TryReadFrame(span, out var message, out int frameLength);
            switch (status)
            {
                case ItchFrameStatus.Message:
                    handler.OnMessage(new ItchMessage(message, Stats.Messages));
                    Stats.CountMessage(message[0]);
                    break;
                case ItchFrameStatus.Incomplete:
                    return true;
                case ItchFrameStatus.Unframeable:
                    return false;
                default:
                    Stats.CountRejected(status);
                    Reject(status == ItchFrameStatus.UnknownType ? "unknown-type" : "truncated",
                        bufferOffset + start, span[..frameLength]);
                    break;
            }
            start += frameLength;
        }
    }

    private void Reject(string category, long offset, ReadOnlySpan<byte> bytes) =>
        quarantine.Add(source, category, offset, bytes);
}
