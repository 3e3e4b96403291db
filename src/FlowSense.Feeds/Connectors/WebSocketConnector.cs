using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using Microsoft.Extensions.Logging;

namespace FlowSense.Feeds.Connectors;

/// <summary>
/// One connection to a venue's websocket, from connect to loss: subscribe, fetch REST snapshots where the venue needs
/// them, then decode every message into the sink and resynchronize any book whose codec reports a loss of sync (gap,
/// checksum mismatch). Each connection gets a fresh codec, so after a reconnect every book is rebuilt from a snapshot
/// before any new delta is applied, and no event from the old connection is applied twice. The connection ends with a
/// <see cref="ConnectionLostException"/>; reconnecting with backoff is the supervisor's job
/// (<see cref="ConnectorActor"/>). Decoding runs on the receive loop, so a sink that blocks slows reading: back-pressure
/// reaches the venue through TCP.
/// </summary>
public sealed class WebSocketConnector(
    VenueAdapter venue, ConnectorOptions options, IMarketEventSink sink, Quarantine.Quarantine quarantine,
    HttpClient http, ConnectorStatus status, TimeProvider time, ILogger logger)
{
    public ConnectorStatus Status => status;

    /// <summary>Runs one connection. Returns only by throwing: <see cref="ConnectionLostException"/>, or <see cref="OperationCanceledException"/> when stopped.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        status.Enter(ConnectorState.Connecting);
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = options.KeepAliveInterval;
        socket.Options.KeepAliveTimeout = options.KeepAliveTimeout;
        var uri = venue.StreamUri(options.StreamBase, options.Symbols);
        try
        {
            using (var connectTimeout = Timeout(options.RequestTimeout, cancellationToken))
                await socket.ConnectAsync(uri, connectTimeout.Token).ConfigureAwait(false);
            status.Connected();
            logger.LogInformation("{Connector}: connected to {Uri}", options.Name, uri);

            var codec = venue.CreateCodec(sink, quarantine, options.Name);
            var lost = new Queue<InstrumentId>();
            codec.ResyncRequested += lost.Enqueue;
            foreach (string frame in venue.SubscribeFrames(options.Symbols))
                await SendAsync(socket, frame, cancellationToken).ConfigureAwait(false);
            if (venue.SnapshotsOverRest)
            {
                foreach (string symbol in options.Symbols)
                    await ResyncAsync(socket, codec, venue.Instrument(symbol), cancellationToken).ConfigureAwait(false);
            }
            await ReceiveLoopAsync(socket, codec, lost, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status.Enter(ConnectorState.Stopped);
            throw;
        }
        catch (Exception error) when (error is not ConnectionLostException)
        {
            var lost = new ConnectionLostException(options.Name, error.Message, error);
            status.Failed(lost);
            throw lost;
        }
        catch (ConnectionLostException error)
        {
            status.Failed(error);
            throw;
        }
    }

    private async Task ReceiveLoopAsync(ClientWebSocket socket, IVenueBookCodec codec, Queue<InstrumentId> lost, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var silenceTimeout = options.SilenceTimeout ?? venue.SilenceTimeout ?? System.Threading.Timeout.InfiniteTimeSpan;
        long position = 0;
        try
        {
            int length = 0;
            while (true)
            {
                silence.CancelAfter(silenceTimeout);
                ValueWebSocketReceiveResult result;
                try
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), silence.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new ConnectionLostException(options.Name, $"no message for {silenceTimeout.TotalSeconds:0.#} s");
                }
                if (result.MessageType == WebSocketMessageType.Close)
                    throw new ConnectionLostException(options.Name, $"the venue closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})");
                length += result.Count;
                if (!result.EndOfMessage)
                {
                    if (length == buffer.Length)
                        buffer = Grow(buffer, length);
                    continue;
                }

                status.Received();
                codec.Decode(buffer.AsSpan(0, length), NowNs(), ++position);
                length = 0;
                while (lost.TryDequeue(out var instrument))
                {
                    status.Resynced();
                    logger.LogWarning("{Connector}: {Instrument} lost sync; resynchronizing", options.Name, instrument);
                    await ResyncAsync(socket, codec, instrument, cancellationToken).ConfigureAwait(false);
                }
                if (status.State == ConnectorState.Syncing && options.Symbols.All(s => !codec.IsAwaitingSnapshot(venue.Instrument(s))))
                    status.Enter(ConnectorState.Live);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task ResyncAsync(ClientWebSocket socket, IVenueBookCodec codec, InstrumentId instrument, CancellationToken cancellationToken)
    {
        switch (venue.Resync(codec, instrument))
        {
            case ResyncAction.RestSnapshot rest:
                var restBase = options.RestBase ?? throw new InvalidOperationException(
                    $"{options.Name}: {venue.Venue} needs REST snapshots; set RestBase in the connector's options.");
                byte[] json;
                using (var timeout = Timeout(options.RequestTimeout, cancellationToken))
                    json = await http.GetByteArrayAsync(new Uri(restBase, rest.Path), timeout.Token).ConfigureAwait(false);
                rest.Apply(json, NowNs());
                break;
            case ResyncAction.Resubscribe resubscribe:
                foreach (string frame in resubscribe.Frames)
                    await SendAsync(socket, frame, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private byte[] Grow(byte[] buffer, int length)
    {
        if (buffer.Length >= options.MaxMessageBytes)
            throw new ConnectionLostException(options.Name, $"a message exceeded {options.MaxMessageBytes} bytes");
        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, options.MaxMessageBytes));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private static Task SendAsync(ClientWebSocket socket, string frame, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private CancellationTokenSource Timeout(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(timeout);
        return source;
    }

    private long NowNs() => (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
}
