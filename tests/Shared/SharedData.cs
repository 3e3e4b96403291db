namespace FlowSense.Testing;

/// <summary>
/// Locates the shared reference data (recorded by others, used as oracles). It lives in <c>../shared/data</c>
/// beside the repository root; set FLOWSENSE_SHARED_DATA to point elsewhere.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string> RootPath = new(Locate);

    public static string Root => RootPath.Value;

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Locate()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("FLOWSENSE_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnv))
            return Directory.Exists(fromEnv) ? fromEnv : throw Missing(fromEnv);

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "FlowSense.Actors.sln")))
            {
                string candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(candidate) ? candidate : throw Missing(candidate);
            }
        }
        throw new DirectoryNotFoundException(
            "Could not find the repository root (FlowSense.Actors.sln) above " + AppContext.BaseDirectory +
            ". Run the tests from a clone, or set FLOWSENSE_SHARED_DATA to the shared data folder.");
    }

    private static DirectoryNotFoundException Missing(string path) => new(
        $"The shared reference data was not found at {path}. Put the 'shared' folder beside the repository " +
        "(../shared/data) or set FLOWSENSE_SHARED_DATA to its data folder.");
}
