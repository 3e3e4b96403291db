namespace FlowSense.Feeds.Benchmarks;

/// <summary>Finds the repository (and so the shared data beside it) from wherever BenchmarkDotNet runs the benchmark.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FlowSense.Actors.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Run the benchmark from inside the repository (FlowSense.Actors.sln not found).");
    }
}
