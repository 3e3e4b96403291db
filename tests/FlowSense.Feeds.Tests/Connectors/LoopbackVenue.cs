using System.Net;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowSense.Feeds.Tests.Connectors;

/// <summary>What the loopback venue does with one recorded message as it publishes it.</summary>
internal enum Fault
{
    None,
    /// <summary>The venue's state advances, but this connection never gets the message.</summary>
    Drop,
    /// <summary>The message is sent with one size altered.</summary>
    Corrupt,
    /// <summary>The connection is dropped before the message is sent (the venue's state still advances).</summary>
    Disconnect,
}

/// <summary>
/// A venue on 127.0.0.1, served by Kestrel over real websocket framing: it publishes the recorded messages in order,
/// as fast as the client reads them, from a cursor shared by all connections (what a client misses while
/// disconnected is gone, as on a real venue), keeps a replica of its own books from everything it published, and
/// answers subscriptions and REST snapshot requests from that replica. Faults are injected per message index.
/// </summary>
internal sealed class LoopbackVenue : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly VenueSimulator _simulator;
    private readonly IReadOnlyList<RecordedMessage> _messages;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Fault> _faults = [];
    private readonly CancellationTokenSource _shutdown = new();
    private int _cursor;

    private readonly double? _speed;
    private long _startedAt;

    /// <param name="speed">Publish at the recorded pace times this factor; null for as fast as the client reads.</param>
    public LoopbackVenue(VenueSimulator simulator, IReadOnlyList<RecordedMessage> messages, double? speed = 10)
    {
        _simulator = simulator;
        _messages = messages;
        _speed = speed;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Run(HandleAsync);
    }

    public int Connections { get; private set; }

    /// <summary>All recorded messages are published.</summary>
    public bool Exhausted { get { lock (_gate) return _cursor == _messages.Count; } }

    public Uri WebSocketBase { get; private set; } = null!;

    public Uri RestBase { get; private set; } = null!;

    public VenueSimulator Simulator => _simulator;

    public void Inject(int messageIndex, Fault fault) => _faults[messageIndex] = fault;

    /// <summary>Decides a fault as each message is published, from the venue's state at that moment (under the venue's lock).</summary>
    public Func<RecordedMessage, Fault>? FaultPolicy { get; set; }

    public async Task StartAsync()
    {
        await _app.StartAsync();
        _startedAt = TimeProvider.System.GetTimestamp();
        string address = _app.Urls.First();
        RestBase = new Uri(address);
        WebSocketBase = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal));
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            byte[]? body;
            lock (_gate)
                body = _simulator.RestSnapshot(context.Request.Path + context.Request.QueryString);
            if (body is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(body);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        Connections++;
        // Unbounded, so that advancing the venue and queueing the frame happen together under the venue's lock: a
        // snapshot must never overtake a message it already contains. The recorded pace bounds what queues up.
        var outbox = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _shutdown.Token);
        var listening = ListenAsync(socket, outbox.Writer, closed.Token);
        var publishing = PublishAsync(outbox.Writer, closed.Token);
        try
        {
            await foreach (byte[] frame in outbox.Reader.ReadAllAsync(closed.Token))
            {
                if (frame.Length == 0)
                {
                    socket.Abort(); // the injected disconnect
                    break;
                }
                await socket.SendAsync(frame, WebSocketMessageType.Text, true, closed.Token);
            }
        }
        catch (Exception) when (closed.IsCancellationRequested || socket.State != WebSocketState.Open)
        {
        }
        await closed.CancelAsync();
        await Task.WhenAll(listening, publishing).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>
    /// Publishes recorded messages from the shared cursor into this connection's outbox; once all are published, sends
    /// the venue's idle heartbeat every second, as a live venue keeps an idle connection alive.
    /// </summary>
    private async Task PublishAsync(ChannelWriter<byte[]> outbox, CancellationToken closed)
    {
        while (!closed.IsCancellationRequested)
        {
            await PaceAsync(closed);
            var (frame, exhausted) = NextFrame(outbox);
            if (exhausted)
            {
                if (_simulator.IdleHeartbeat is not { } heartbeat)
                    return;
                outbox.TryWrite(heartbeat);
                await Task.Delay(TimeSpan.FromSeconds(1), closed);
                continue;
            }
            if (frame is { Length: 0 })
                return;
        }
    }

    /// <summary>Advances the venue by one message and queues the frame to send (none when dropped, empty to disconnect).</summary>
    private (byte[]? Frame, bool Exhausted) NextFrame(ChannelWriter<byte[]> outbox)
    {
        lock (_gate)
        {
            if (_cursor == _messages.Count)
                return (null, true);
            int index = _cursor++;
            var message = _messages[index];
            _simulator.Publish(message);
            if (message.Kind != FlowSense.Feeds.Capture.CaptureLineKind.Received)
                return (null, false);
            var fault = _faults.GetValueOrDefault(index);
            if (fault == Fault.None && FaultPolicy is { } policy)
                fault = policy(message);
            byte[]? frame = fault switch
            {
                Fault.Drop => null,
                Fault.Corrupt => _simulator.Corrupt(message.Payload),
                Fault.Disconnect => [],
                _ => message.Payload,
            };
            if (frame is not null)
                outbox.TryWrite(frame);
            return (frame, false);
        }
    }

    /// <summary>Waits until the next message is due at the recorded pace: the venue's clock runs whether or not anyone listens.</summary>
    private Task PaceAsync(CancellationToken closed)
    {
        int next;
        lock (_gate)
            next = _cursor;
        if (_speed is not { } speed || next >= _messages.Count)
            return Task.CompletedTask;
        var due = TimeSpan.FromTicks((long)((_messages[next].ReceiveTimeNs - _messages[0].ReceiveTimeNs) / 100 / speed));
        var wait = due - TimeProvider.System.GetElapsedTime(_startedAt);
        return wait > TimeSpan.Zero ? Task.Delay(wait, closed) : Task.CompletedTask;
    }

    /// <summary>Answers subscription frames; snapshots join the outbox after everything published before them.</summary>
    private async Task ListenAsync(WebSocket socket, ChannelWriter<byte[]> outbox, CancellationToken closed)
    {
        var buffer = new byte[64 * 1024];
        while (!closed.IsCancellationRequested)
        {
            var result = await socket.ReceiveAsync(buffer, closed);
            if (result.MessageType == WebSocketMessageType.Close)
                return;
            lock (_gate)
            {
                foreach (byte[] reply in _simulator.OnClientFrame(buffer.AsSpan(0, result.Count), _cursor > 0))
                    outbox.TryWrite(reply);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync(); // end open connections now, rather than wait out Kestrel's graceful shutdown
        await _app.StopAsync();
        _shutdown.Dispose();
        await _app.DisposeAsync();
    }
}

/// <summary>A venue's behaviour beyond replaying: its replica books, subscription replies and REST snapshots.</summary>
internal abstract class VenueSimulator
{
    /// <summary>The venue's state advances by one recorded message (sent or not).</summary>
    public abstract void Publish(RecordedMessage message);

    /// <summary>Replies to a client frame; <paramref name="midStream"/> is true once the venue has published anything.</summary>
    public abstract IReadOnlyList<byte[]> OnClientFrame(ReadOnlySpan<byte> frame, bool midStream);

    /// <summary>The REST response for a path and query, or null for 404.</summary>
    public abstract byte[]? RestSnapshot(string pathAndQuery);

    /// <summary>The message with one size altered.</summary>
    public virtual byte[] Corrupt(byte[] payload) => payload;

    /// <summary>What the venue sends on an idle connection, if anything (websocket pings aside).</summary>
    public virtual byte[]? IdleHeartbeat => null;
}
