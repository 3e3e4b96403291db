using System.Collections.Concurrent;

namespace FlowSense.Actors;

/// <summary>
/// Gives every actor its own thread, for connectors that block (socket reads, native clients). The thread sleeps
/// on a semaphore between turns and ends when the actor stops.
/// </summary>
public sealed class DedicatedThreadDispatcher(int throughput) : MessageDispatcher(throughput)
{
    private readonly ConcurrentDictionary<ActorCell, Worker> _workers = new();

    internal override void Attach(ActorCell cell)
    {
        var worker = new Worker(cell);
        _workers[cell] = worker;
        worker.Start();
    }

    internal override void Detach(ActorCell cell)
    {
        if (_workers.TryRemove(cell, out Worker? worker))
            worker.Stop();
    }

    internal override void Schedule(ActorCell cell)
    {
        if (_workers.TryGetValue(cell, out Worker? worker))
            worker.Signal();
        else
            ThreadPool.UnsafeQueueUserWorkItem(cell, preferLocal: false); // detached while a message raced in
    }

    /// <summary>The thread of one actor.</summary>
    private sealed class Worker(ActorCell cell)
    {
        private readonly SemaphoreSlim _turns = new(0);
        private readonly Thread _thread = new(static state => ((Worker)state!).Loop()) { IsBackground = true };
        private volatile bool _stopped;

        public void Start()
        {
            _thread.Name = cell.Path.ToString();
            _thread.Start(this);
        }

        public void Signal() => _turns.Release();

        public void Stop()
        {
            _stopped = true;
            _turns.Release();
        }

        private void Loop()
        {
            while (true)
            {
                _turns.Wait();
                if (_stopped)
                    break;
                cell.RunTurn();
            }
            _turns.Dispose();
        }
    }
}
