// These scenarios wait on TestProbe expectations, which block a thread-pool thread, while the actors under test need
// the same pool. Run in parallel on a 2-core machine they starved each other for seconds (a slow-subscriber test once
// waited over 10 s for an update the symbol had sent); one test class at a time keeps them on their own clock.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
