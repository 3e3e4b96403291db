using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Actors.Streams;
using FlowSense.Feeds.Replay;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Ingestion;

/// <summary>
/// The ingestion graph: <c>Source&lt;EventBatch&gt;</c> → regroup each batch by instrument → one
/// <see cref="SymbolEvents"/> slice per instrument → its shard → symbol actor, each slice acknowledged. Bounded
/// everywhere: at most <see cref="IngestionOptions.MaxBatchesInFlight"/> batches are out (each in a reused buffer), and
/// the source is asked for the next batch only once a buffer is free, so a slow symbol (or a slow subscriber of one)
/// slows the source and a decoded batch never waits for room.
/// </summary>
/// <remarks>
/// Per event the graph costs a route lookup (two reference compares once the instrument is cached) and two copies of the event;
/// per batch, one message per instrument and its acknowledgement, both reused with the buffer. Slices go straight to
/// their symbol actor (resolved once per symbol with <see cref="GetEntityRoute"/>, which pins it against passivation
/// until the run ends), not through the region and the shard, whose two hops would double the messages and put every
/// slice of the node behind one actor. Nothing is allocated per event or per batch in steady state.
/// <para>When the symbols run on lanes and no lane is parked (each is busy, or spinning for work), each batch is
/// regrouped and told on a lane (<see cref="MessageDispatcher.Execute"/>; a spinning lane takes it at once, a busy one
/// between two symbol turns), and so is the source's next step (decoding the next batch), which follows on the same
/// thread: the node then keeps one busy thread per core. On a thread of its own (the replay's, or a pool thread after a
/// wait for a buffer) that work was a third busy thread on two cores, and the operating system's time slices of a few
/// milliseconds then held a lane, and every symbol on it, for as long. While a lane is parked a core is free, and the
/// work stays where it is: a hop would only add a wake-up per batch.</para>
/// <para>On lanes, a batch's slices are handed over with a <see cref="LaneFanOut"/>: each lane gets its share as one work
/// item and tells it itself. Told one by one from the source's thread, the slices woke a parked lane every few
/// messages, and the woken lane often preempted the source on its core. In the load harness at a quarter of its
/// maximum rate (0.7M events/s over 1,000 symbols), the fan-out cut the context switches of the lanes and the source
/// thread from 15,900 to 9,600 a second (wake-ups) and from 13,600 to 4,500 (preemptions), the CPU per event by 7%, and
/// the median event-to-feature latency from 650 to 205 µs (medians of four alternating runs). At half the maximum,
/// where the lanes seldom park, it changed little.</para>
/// </remarks>
public static class IngestionPipeline
{
    /// <summary>
    /// Replays a file into the symbol actors, with the replay's own progress on the run. The run is the replay's only
    /// consumer, so it recycles each source batch once regrouped (the replay then allocates nothing per batch).
    /// </summary>
    public static IngestionRun Run(ReplaySource replay, SymbolShards shards, IngestionOptions? options = null, Materializer? materializer = null)
    {
        ArgumentNullException.ThrowIfNull(replay);
        return Run(replay.Source, shards, options, materializer, replay.Counters, recycleBatches: true);
    }

    /// <summary>
    /// Runs any source of batches (a connector's, a merge of several) into the symbol actors. Pass
    /// <paramref name="recycleBatches"/> only when this run is the batches' last holder (nothing else received them):
    /// each is then <see cref="EventBatch.Recycle">recycled</see> as soon as its events are copied out.
    /// </summary>
    public static IngestionRun Run(Source<EventBatch> source, SymbolShards shards, IngestionOptions? options = null,
        Materializer? materializer = null, ReplayCounters? progress = null, bool recycleBatches = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(shards);
        var o = options ?? new IngestionOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(o.MaxBatchesInFlight, 1, nameof(o.MaxBatchesInFlight));
        var counters = new IngestionCounters();
        var delivery = new Delivery(shards, o, counters, recycleBatches);
        var handle = source.RunWith(Sink.ForEachAsync<EventBatch>(delivery.SendAsync), materializer);
        return new IngestionRun(o.Name, delivery.CompleteAsync(handle.Completion), counters, handle.KillSwitch, progress);
    }

    /// <summary>
    /// The state of one run: its buffer pool, its router, and where acknowledgements go. It is also the step the stream
    /// awaits per batch: <see cref="SendAsync"/> queues the batch's delivery on the symbols' dispatcher and completes
    /// when it is done, with no allocation per batch (an async method that always yields would allocate its state
    /// machine every time).
    /// </summary>
    private sealed class Delivery : IThreadPoolWorkItem, IValueTaskSource
    {
        private readonly IActorRef _region;
        private readonly IngestionOptions _options;
        private readonly IngestionCounters _counters;
        private readonly ShardRouter _router;
        private readonly FreeBuffers _free;
        private readonly SliceBuffer[] _buffers; // all of them, free or out: for the timeout's report
        private readonly AckReceiver _acks;
        private readonly bool _recycle;
        private readonly LaneDispatcher? _lanes;     // the symbols' dispatcher, when it is the lanes
        private readonly DispatcherSwitch? _toLanes; // with _lanes
        private readonly LaneFanOut? _fanOut;        // with _lanes
        private ManualResetValueTaskSourceCore<bool> _step; // continuations run inline: the stream goes on on the lane
        private EventBatch? _batch; // the batch the current step delivers
        private ValueTask _waiting; // the delivery the current step waits for, when it did not complete at once
        private readonly Action _onDelivered;
        private SliceBuffer? _reserved; // taken before the next batch is pulled, so a decoded batch never waits for one
        private long _read; // events taken from the source so far: the position of the last one

        public Delivery(SymbolShards shards, IngestionOptions options, IngestionCounters counters, bool recycle)
        {
            _recycle = recycle;
            _region = shards.Region;
            _lanes = shards.Dispatcher as LaneDispatcher;
            _toLanes = _lanes is null ? null : new DispatcherSwitch(_lanes);
            _fanOut = _lanes?.CreateFanOut();
            _options = options;
            _counters = counters;
            _router = new ShardRouter(shards.Catalog);
            _free = new FreeBuffers(options.AckTimeout);
            _onDelivered = OnDelivered;
            _acks = new AckReceiver(options.Name, counters, _free, options.OnAcknowledged);
            _buffers = [.. Enumerable.Range(0, options.MaxBatchesInFlight).Select(_ => new SliceBuffer(256))];
            foreach (var buffer in _buffers)
                _free.Return(buffer);
        }

        /// <summary>
        /// Delivers <paramref name="batch"/>, one at a time: on the calling thread while the symbols' dispatcher is not
        /// a set of lanes or has one parked (a core is free), else on a lane (see the class remarks).
        /// </summary>
        public ValueTask SendAsync(EventBatch batch)
        {
            if (_lanes is null || _lanes.HasIdleLane)
                return DeliverAsync(batch);
            _batch = batch;
            _step.Reset();
            _lanes.Execute(this);
            return new ValueTask(this, _step.Version);
        }

        void IThreadPoolWorkItem.Execute()
        {
            ValueTask delivered;
            try
            {
                delivered = DeliverAsync(_batch!);
            }
#pragma warning disable CA1031 // handed to the stream, which fails the run with it
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _step.SetException(ex);
                return;
            }
            if (delivered.IsCompletedSuccessfully)
            {
                _step.SetResult(true); // the usual case: no wait
                return;
            }
            _waiting = delivered; // it waits for a buffer: finish the step when it is done, with no task of its own
            delivered.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onDelivered);
        }

        private void OnDelivered()
        {
            ValueTask delivered = _waiting;
            _waiting = default;
            try
            {
                delivered.GetAwaiter().GetResult();
            }
#pragma warning disable CA1031 // handed to the stream, which fails the run with it
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _step.SetException(ex);
                return;
            }
            _step.SetResult(true);
        }

        void IValueTaskSource.GetResult(short token) => _step.GetResult(token);

        ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _step.GetStatus(token);

        void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _step.OnCompleted(continuation, state, token, flags);

        /// <summary>Regroups and tells one batch; completes synchronously unless it waits for a buffer or resolves new symbols.</summary>
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))] // it waits for every batch while the symbols are the bottleneck
        private async ValueTask DeliverAsync(EventBatch batch)
        {
            long first = _read + 1;
            _read += batch.Count;
            int skip = (int)Math.Clamp(_options.ResumeAfter - first + 1, 0, batch.Count);
            if (skip == batch.Count)
            {
                _counters.CountBatch(batch.Count, skip, 0, 0);
                if (_recycle)
                    batch.Recycle();
                return;
            }
            SliceBuffer buffer = _reserved ?? await TakeBufferAsync().ConfigureAwait(false);
            _reserved = null;
            int routed = _router.Regroup(batch.Events[skip..], buffer, first + skip);
            int count = batch.Count;
            if (_recycle)
                batch.Recycle(); // regrouped into the buffer: the source may refill the batch now
            int slices = _router.Touched.Length;
            _counters.CountBatch(count, skip, routed, slices);
            if (slices == 0)
            {
                _reserved = buffer;
                return;
            }
            if (_router.HasUnresolved)
                await ResolveAsync(_router.Touched.ToArray()).ConfigureAwait(false);
            Send(buffer);
            _reserved = await TakeBufferAsync().ConfigureAwait(false);
        }

        /// <summary>Tells each instrument of the last regroup its slice of <paramref name="buffer"/> (on lanes, through the fan-out).</summary>
        private void Send(SliceBuffer buffer)
        {
            var touched = _router.Touched;
            var events = buffer.Events;
            var positions = buffer.Positions;
            buffer.Expect(touched.Length);
            long sentAt = System.Diagnostics.Stopwatch.GetTimestamp();
            for (int i = 0; i < touched.Length; i++)
            {
                var route = touched[i];
                var slice = buffer.Slice(i);
                slice.Reset(route.EntityId, route.Instrument, events, route.Offset, route.Count);
                slice.Source = _options.Name;
                slice.PositionBuffer = positions;
                slice.SentTimestamp = sentAt;
                if (_fanOut is null)
                    route.Target!.Tell(slice, _acks);
                else
                    _fanOut.Add(route.OnLanes, slice, _acks);
            }
            _fanOut?.Send();
        }

        /// <summary>The symbols whose slices are out and not acknowledged (a moment's reading, for the timeout's message).</summary>
        private string Unacknowledged()
        {
            var symbols = _buffers
                .SelectMany(b => Enumerable.Range(0, b.SentSlices).Select(b.Slice))
                .Where(slice => !slice.IsAcknowledged)
                .Select(slice => slice.EntityId)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            const int Named = 5;
            return symbols.Count switch
            {
                0 => "no symbol any more",
                <= Named => string.Join(", ", symbols),
                _ => $"{string.Join(", ", symbols.Take(Named))} and {symbols.Count - Named} more",
            };
        }

        /// <summary>Once per symbol per run, all of a batch's new symbols at once: the reference its slices go to.</summary>
        private async Task ResolveAsync(IReadOnlyList<ShardRouter.Route> routes)
        {
            var pending = routes.Where(r => r.Target is null).ToList();
            var resolved = await Task.WhenAll(pending.Select(r => _region.Ask<EntityRoute>(new GetEntityRoute(r.EntityId), _options.AckTimeout))).ConfigureAwait(false);
            for (int i = 0; i < pending.Count; i++)
            {
                pending[i].Target = resolved[i].Target;
                if (_fanOut is not null)
                    pending[i].OnLanes = _fanOut.Resolve(resolved[i].Target);
            }
        }

        /// <summary>Gives back the pins of the run's routes, so idle symbols may be passivated again.</summary>
        private void ReleaseRoutes()
        {
            foreach (var route in _router.Known)
            {
                if (route.Target is not null)
                    _region.Tell(new ReleaseEntityRoute(route.EntityId), ActorRefs.NoSender);
            }
        }

        /// <summary>After the source ends: wait until every buffer is back (every slice acknowledged), then report.</summary>
        public async Task<IngestionSnapshot> CompleteAsync(Task<long> streamed)
        {
            try
            {
                await streamed.ConfigureAwait(false);
                if (_reserved is { } reserved)
                {
                    _reserved = null;
                    _free.Return(reserved);
                }
                var held = new List<SliceBuffer>(_options.MaxBatchesInFlight);
                while (held.Count < _options.MaxBatchesInFlight)
                    held.Add(await TakeBufferAsync().ConfigureAwait(false));
                foreach (var buffer in held)
                    _free.Return(buffer);
                return _counters.Snapshot();
            }
            finally
            {
                _free.Dispose();
                ReleaseRoutes();
            }
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<SliceBuffer> TakeBufferAsync()
        {
            if (_free.TryTake(out SliceBuffer? ready))
                return ready;
            SliceBuffer freed = await _free.TakeAsync().ConfigureAwait(false) ?? throw new TimeoutException(
                $"Ingestion '{_options.Name}': no batch was fully acknowledged within {_options.AckTimeout} " +
                $"({_counters.Slices - _counters.Acknowledged} slices outstanding, for {Unacknowledged()}). A symbol that does not " +
                "acknowledge is stopped, restarting, or held back by a subscriber or a sink: see its counters with " +
                "'flowsense symbol list' and the node's log for dead letters.");
            if (_toLanes is not null && !_lanes!.HasIdleLane)
                await _toLanes; // the wait ended on a pool thread; what follows (decoding the next batch) belongs on a lane
            return freed;
        }
    }
}
