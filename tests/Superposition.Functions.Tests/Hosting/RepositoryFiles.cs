namespace Superposition.Functions.Tests.Hosting;

/// <summary>Files of the repository and of the app's build output, found from the test's output folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository root: the nearest folder above the test output that holds Serverless.sln.</summary>
    public static string Root
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Serverless.sln")))
                {
                    return folder.FullName;
                }
            }

            throw new InvalidOperationException($"No Serverless.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>
    /// The Functions app's build output of the same configuration as this test (bin/Release/net10.0 under the
    /// app's project), where the SDK writes functions.metadata.
    /// </summary>
    public static string AppOutput
    {
        get
        {
            // .../tests/Superposition.Functions.Tests/bin/{Configuration}/{tfm}/
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = output.Parent!.Name;
            return Path.Combine(Root, "src", "Superposition.Functions", "bin", configuration, output.Name);
        }
    }
}
