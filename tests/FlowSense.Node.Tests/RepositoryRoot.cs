namespace FlowSense.Node.Tests;

/// <summary>The clone the tests run from: the folder holding FlowSense.Actors.sln (and hocon/, data/).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Locate();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "FlowSense.Actors.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("Run the tests from a clone: FlowSense.Actors.sln was not found above " + AppContext.BaseDirectory);
    }
}
