using System.Net;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowSense.Feeds.TestSupport.LoopbackVenues;

/// <summary>What the loopback venue does with one recorded message as it publishes it.</summary>
public enum Fault
{
    None,
    /// <summary>The venue's state advances, but no connection gets the message.</summary>
    Drop,
    /// <summary>The message is sent with one size altered.</summary>
    Corrupt,
    /// <summary>Every open connection is dropped before the message is sent (the venue's state still advances).</summary>
    Disconnect,
}

/// <summary>
/// A venue on 127.0.0.1, served by Kestrel over real websocket framing. One publisher, started by the first
/// connection, walks the recorded messages at the recorded pace × speed: each advances the venue's replica books
/// and goes to every connection open at that moment (what a client misses while disconnected is gone, as on a real
/// venue). Subscriptions and REST snapshot requests are answered from the replica. Faults are injected per message.
/// </summary>
public sealed class LoopbackVenue : IAsyncDisposable
{
    private static readonly byte[] Hangup = [];

    private readonly WebApplication _app;
    private readonly VenueSimulator _simulator;
    private readonly IReadOnlyList<RecordedMessage> _messages;
    private readonly double? _speed;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Fault> _faults = [];
    private readonly List<ChannelWriter<byte[]>> _connections = [];
    private readonly CancellationTokenSource _shutdown = new();
    private Task? _publisher;
    private int _cursor;

    /// <param name="speed">Publish at the recorded pace times this factor; null for as fast as possible.</param>
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
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _shutdown.Token);
        // Unbounded, so that advancing the venue and queueing a frame happen together under the venue's lock: a
        // snapshot never overtakes a message it already contains. The recorded pace bounds what queues up.
        var outbox = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            Connections++;
            _connections.Add(outbox.Writer);
            _publisher ??= Task.Run(() => PublishAsync(_shutdown.Token));
        }
        var listening = ListenAsync(socket, outbox.Writer, closed.Token);
        try
        {
            await foreach (byte[] frame in outbox.Reader.ReadAllAsync(closed.Token))
            {
                if (ReferenceEquals(frame, Hangup))
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
        finally
        {
            lock (_gate)
                _connections.Remove(outbox.Writer);
        }
        await closed.CancelAsync();
        await listening.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>
    /// Walks the recorded messages at their pace; once all are published, sends the venue's idle heartbeat every
    /// second, as a live venue keeps idle connections alive.
    /// </summary>
    private async Task PublishAsync(CancellationToken stop)
    {
        long startedAt = TimeProvider.System.GetTimestamp();
        try
        {
            for (int index = 0; index < _messages.Count; index++)
            {
                if (_speed is { } speed)
                {
                    var due = TimeSpan.FromTicks((long)((_messages[index].ReceiveTimeNs - _messages[0].ReceiveTimeNs) / 100 / speed));
                    var wait = due - TimeProvider.System.GetElapsedTime(startedAt);
                    if (wait > TimeSpan.Zero)
                        await Task.Delay(wait, stop);
                }
                Publish(index);
            }
            while (_simulator.IdleHeartbeat is { } heartbeat)
            {
                lock (_gate)
                    Broadcast(heartbeat);
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private void Publish(int index)
    {
        lock (_gate)
        {
            _cursor = index + 1;
            var message = _messages[index];
            _simulator.Publish(message);
            if (message.Kind != FlowSense.Feeds.Capture.CaptureLineKind.Received)
                return;
            var fault = _faults.GetValueOrDefault(index);
            if (fault == Fault.None && FaultPolicy is { } policy)
                fault = policy(message);
            switch (fault)
            {
                case Fault.Drop:
                    break;
                case Fault.Corrupt:
                    Broadcast(_simulator.Corrupt(message.Payload));
                    break;
                case Fault.Disconnect:
                    Broadcast(Hangup);
                    _connections.Clear();
                    break;
                default:
                    Broadcast(message.Payload);
                    break;
            }
        }
    }

    private void Broadcast(byte[] frame)
    {
        foreach (var connection in _connections)
            connection.TryWrite(frame);
    }

    /// <summary>Answers subscription frames; replies join the outbox after everything published before them.</summary>
    private async Task ListenAsync(WebSocket socket, ChannelWriter<byte[]> outbox, CancellationToken closed)
    {
        var buffer = new byte[64 * 1024];
        try
        {
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
        catch (Exception) when (closed.IsCancellationRequested || socket.State != WebSocketState.Open)
        {
        }
        catch (Exception error)
        {
            // A simulator bug must not look like a venue that stopped answering: the tests report it.
            lock (Errors)
                Errors.Add(error);
        }
    }

    /// <summary>Exceptions the venue itself hit while answering clients; a test fails on any.</summary>
    public List<Exception> Errors { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync(); // end open connections now, rather than wait out Kestrel's graceful shutdown
        if (_publisher is not null)
            await _publisher;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _shutdown.Dispose();
    }
}

/// <summary>A venue's behaviour beyond replaying: its replica books, subscription replies and REST snapshots.</summary>
public abstract class VenueSimulator
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
