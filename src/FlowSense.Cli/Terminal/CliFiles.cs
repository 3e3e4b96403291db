namespace FlowSense.Cli.Terminal;

/// <summary>Checks on the files a command is given, failing with a message that names the option and what to do.</summary>
public static class CliFiles
{
    /// <summary>The full path of an input file that must exist.</summary>
    public static string Input(FileInfo? file, string option)
    {
        if (file is null)
            throw new UserError($"{option} is required.", $"Pass the input file with {option} PATH.", ExitCodes.Usage);
        if (!file.Exists)
            throw new UserError($"{file.FullName} does not exist (given as {option}).",
                Directory.Exists(file.FullName) ? "That is a directory; pass a file." : "Check the path; relative paths start at the current directory.");
        return file.FullName;
    }

    /// <summary>The full path of an output file whose folder must exist (the file itself is replaced).</summary>
    public static string Output(FileInfo? file, string option)
    {
        if (file is null)
            throw new UserError($"{option} is required.", $"Pass where to write with {option} PATH.", ExitCodes.Usage);
        string? folder = file.DirectoryName;
        if (folder is not null && !Directory.Exists(folder))
            throw new UserError($"The folder {folder} does not exist (for {option}).", "Create it first, or write somewhere else.");
        return file.FullName;
    }
}
